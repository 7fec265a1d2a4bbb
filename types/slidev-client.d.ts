// The slice of @slidev/client the components use. The package ships raw
// TypeScript that only compiles inside Slidev's own build, so the type check
// reads this declaration instead (tsconfig.json "paths").
import type { ComputedRef } from 'vue'

export function useNav(): { isPrintMode: ComputedRef<boolean> }

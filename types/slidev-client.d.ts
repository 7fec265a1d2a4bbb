// The slice of @slidev/client the components use. The package ships raw
// TypeScript that only compiles inside Slidev's own build, so the type check
// reads this declaration instead (tsconfig.json "paths").
import type { ComputedRef } from 'vue'

export function useNav(): { isPrintMode: ComputedRef<boolean> }

// `$slidev` in templates, as Slidev's client declares it; configs carries the
// headmatter, including this talk's own fields (types/headmatter.d.ts).
declare module 'vue' {
  interface ComponentCustomProperties {
    $slidev: { configs: import('./headmatter').TalkHeadmatter }
  }
}

// The slice of @slidev/client the components use. The package ships raw
// TypeScript that only compiles inside Slidev's own build, so the type check
// reads this declaration instead (tsconfig.json "paths").
import type { ComputedRef } from 'vue'

export function useNav(): { isPrintMode: ComputedRef<boolean> }

// `$slidev` in templates, as Slidev's client declares it; configs carries the
// headmatter, including this deck's own fields (packages/slidev-pipeline/src/support/deck.ts DeckHeadmatter).
declare module 'vue' {
  interface ComponentCustomProperties {
    $slidev: { configs: import('../packages/slidev-pipeline/src/support/deck').DeckHeadmatter }
  }
}

/**
 * A deck whose component imports a package that is not installed where the
 * deck resolves it: `check` names the component's file and line, the import,
 * and what to install where, instead of the build failing later in a Vite
 * plugin. Packages that are installed, Slidev's own aliases and type-only
 * imports are not reported.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectDeck } from '../src/check/deck-check'

let deck: string
beforeAll(() => {
  deck = join(mkdtempSync(join(tmpdir(), 'imports-')), 'my talks', 'clock deck')
  mkdirSync(join(deck, 'components'), { recursive: true })
  mkdirSync(join(deck, 'setup'), { recursive: true })
  // Installed in the deck's own node_modules.
  mkdirSync(join(deck, 'node_modules', 'present-pkg'), { recursive: true })
  writeFileSync(join(deck, 'node_modules', 'present-pkg', 'package.json'), '{"name":"present-pkg","version":"1.0.0"}')
  writeFileSync(join(deck, 'slides.md'), '---\ntitle: Clock\n---\n\n# Clock\n\n<Clock />\n\n<!--\nA clock.\n-->\n')
  writeFileSync(join(deck, 'components', 'Clock.vue'), [
    '<script setup lang="ts">',
    'import type { Ref } from \'absent-types-only\'',
    'import { computed, ref } from \'vue\'',
    'import { useNav } from \'@slidev/client\'',
    'import { useNow } from \'@vueuse/core\'',
    'import { shout } from \'present-pkg\'',
    'import { format } from \'date-fns/format\'',
    '',
    'const now: Ref<Date> = useNow()',
    'const label = computed(() => shout(format(now.value, \'HH:mm\')))',
    'const { currentPage } = useNav()',
    'const n = ref(currentPage)',
    '</script>',
    '',
    '<template>',
    '  <span>{{ label }} {{ n }}</span>',
    '</template>',
    '',
  ].join('\n'))
  writeFileSync(join(deck, 'setup', 'main.ts'), 'import { defineAppSetup } from \'@slidev/types\'\nimport \'./local\'\n\nexport default defineAppSetup(() => {})\n')
})
afterAll(() => {
  rmSync(join(deck, '..', '..'), { recursive: true, force: true })
})

describe('a package a deck\'s own code imports', () => {
  it('is named with the file, the line and what to install when it is missing, each once', async () => {
    const { problems } = await inspectDeck(join(deck, 'slides.md'))
    const imports = problems.filter(p => p.includes('is not installed'))
    const file = (...parts: string[]) => relative(process.cwd(), join(deck, ...parts))
    expect(imports).toEqual([
      `${file('components', 'Clock.vue')}:5: imports "@vueuse/core", but @vueuse/core is not installed where the deck's build looks for it (node_modules from ${file('components')} up): run \`npm install @vueuse/core\` in ${file()}`,
      `${file('components', 'Clock.vue')}:7: imports "date-fns/format", but date-fns is not installed where the deck's build looks for it (node_modules from ${file('components')} up): run \`npm install date-fns\` in ${file()}`,
      `${file('setup', 'main.ts')}:1: imports "@slidev/types", but @slidev/types is not installed where the deck's build looks for it (node_modules from ${file('setup')} up): run \`npm install @slidev/types\` in ${file()}`,
    ])
  })
})

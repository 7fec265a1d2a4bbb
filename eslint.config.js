// ESLint with Anthony Fu's config, the one the Slidev ecosystem uses. Its style is the
// one this code is written in: 2 spaces, single quotes, no semicolons.
//
// Node 20: @antfu/eslint-config 7.7.3 is the newest whose dependencies run on Node 20;
// package.json "overrides" keep two of them on their Node 20 releases, inside the ranges
// it asks for (eslint-flat-config-utils 3.1+ calls Object.groupBy, Node 21+;
// eslint-plugin-regexp 3.2+ needs jsdoc-type-pratt-parser 9, Node 22+).
import antfu from '@antfu/eslint-config'

export default antfu(
  {
    vue: true,
    typescript: true,
    stylistic: { indent: 2, quotes: 'single', semi: false },
    ignores: [
      // Build and export output (also in .gitignore, which the config reads too).
      'dist/**',
      'exports/**',
      '**/.slidev/**',
      '{,packages/slidev-pipeline/}test/fixtures/**/dist/**',
      'components.d.ts',
      // Slidev Markdown is not CommonMark: every slide has its own H1, and the `---`
      // fences around per-slide frontmatter read as thematic breaks and setext headings,
      // so Markdown rules would report Slidev's own syntax. The deck check and
      // test/content.unit.test.ts read these files with Slidev's parser instead.
      'slides.md',
      'pages/**/*.md',
      '{,packages/slidev-pipeline/}test/fixtures/**/*.md',
    ],
  },
  {
    rules: {
      // Patterns sit next to the code that uses them; V8 compiles a literal once anyway.
      'e18e/prefer-static-regex': 'off',
      // One-line callbacks such as `(d) => { out += d }` are this code's habit.
      'style/max-statements-per-line': ['error', { max: 2 }],
      // ffmpeg and Slidev argument lists keep a flag and its value on one line.
      'antfu/consistent-list-newline': 'off',
      // Node scripts and tests use Node's globals as Node documents them; the code that
      // runs in the page (page.evaluate, *.browser.js) could not import them anyway.
      'node/prefer-global/process': 'off',
      'node/prefer-global/buffer': 'off',
      // Its fix turns Array.from({ length }, () => []) into .fill([]), one array shared by
      // every slot, and `a[a.length - 1]! +=` into `a.at(-1)! +=`, which is not assignable.
      'e18e/prefer-array-fill': 'off',
      'unicorn/prefer-at': 'off',
    },
  },
  {
    // The toolkit is a command-line program, as scripts/ was: the rules @antfu/eslint-config
    // turns off for scripts/ and cli.* (console output, top-level await) are off here too.
    files: ['packages/*/bin/**', 'packages/*/src/**'],
    rules: { 'no-console': 'off', 'antfu/no-top-level-await': 'off' },
  },
  {
    // The boundary: outside a workspace package, code reaches it only by its name
    // (`slidev-pipeline`, `slidev-pipeline/testing`), never by a path into its src/.
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,vue}'],
    ignores: ['packages/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '(^|/)packages/[^/]+/src(/|$)',
          message: 'Import the toolkit by its package name (slidev-pipeline, or slidev-pipeline/testing in tests), not a path into its src/.',
        }],
      }],
      // The same for `import('…')`, in code and in types (a path in a string is not an import to the rule above).
      'no-restricted-syntax': [
        'error',
        // @antfu/eslint-config's own for TypeScript, kept.
        'TSEnumDeclaration[const=true]',
        'TSExportAssignment',
        { selector: 'ImportExpression[source.value=/(^|\\/)packages\\/[^\\/]+\\/src(\\/|$)/]', message: 'Import the toolkit by its package name, not a path into its src/.' },
        { selector: 'TSImportType[source.value=/(^|\\/)packages\\/[^\\/]+\\/src(\\/|$)/]', message: 'Import the toolkit by its package name, not a path into its src/.' },
      ],
    },
  },
  {
    // Playwright's Locator.innerText() is the text a viewer sees, not DOM node access.
    files: ['test/**/*.ts'],
    rules: { 'unicorn/prefer-dom-node-text-content': 'off' },
  },
)

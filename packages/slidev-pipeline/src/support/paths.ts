import { existsSync } from 'node:fs'
import { basename as baseOf, dirname, extname, join, resolve } from 'node:path'
/** Where every artifact goes: one place to look, stable names for the README. */
import { fileURLToPath } from 'node:url'

/** The toolkit's own folder (this file is src/support/paths.ts). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** The project root: the workspace the toolkit is a package of (packages/slidev-pipeline). */
export const root = resolve(packageRoot, '..', '..')
export const exportsDir = join(root, 'exports')
export const basename = 'azure-linux-explained'
/** Every artifact of a deck named `name`, in `dir`. */
export function artifactsIn(dir: string, name: string) {
  return {
    pdf: join(dir, `${name}.pdf`),
    pptx: join(dir, `${name}.pptx`),
    png: join(dir, `${name}-png`),
    handout: join(dir, `${name}-handout.pdf`),
    storyboard: join(dir, `${name}-storyboard.pdf`),
    video: join(dir, `${name}.mp4`),
    captions: join(dir, `${name}.vtt`),
    chapters: join(dir, `${name}-chapters.txt`),
    thumbnail: join(dir, `${name}-thumbnail.png`),
  }
}
export type ArtifactPaths = ReturnType<typeof artifactsIn>

/** The same names with `-dark` before the extension: a dark export never replaces the light one. */
export function darkOf(paths: ArtifactPaths) {
  return Object.fromEntries(Object.entries(paths)
    .map(([kind, path]) => [kind, `${path.slice(0, path.length - extname(path).length)}-dark${extname(path)}`])) as ArtifactPaths
}

/** This project's talk (its deck.config.ts names it). */
export const artifacts = artifactsIn(exportsDir, basename)
export const darkArtifacts = darkOf(artifacts)

/**
 * Where a deck's artifacts go: `exports/` beside its entry, named by its
 * config's `name`, else by the entry file (`talk.md` → talk), or by its folder
 * when the entry is Slidev's default `slides.md`.
 */
export function deckName(entry: string, configured?: string): string {
  if (configured)
    return configured
  const stem = baseOf(entry, extname(entry))
  const name = stem === 'slides' ? baseOf(dirname(entry)) : stem
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'slides'
}
export const artifactsFor = (entry: string, name?: string) => artifactsIn(join(dirname(entry), 'exports'), deckName(entry, name))

/**
 * The deck's entry file, absolute: `entry` is taken relative to the working
 * directory; without one, `slides.md` there (as `slidev` takes it), else this project's.
 */
export const entryPath = (entry?: string) => resolve(entry ?? (existsSync('slides.md') ? 'slides.md' : join(root, 'slides.md')))

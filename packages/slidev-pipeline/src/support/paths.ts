/** Where every artifact goes: exports/ beside the deck's entry, named by the deck. */
import { existsSync, realpathSync } from 'node:fs'
import { basename as baseOf, dirname, extname, join, resolve } from 'node:path'

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

/** A recorded talk's video beside the narrated one: `<name>-talk.mp4`, `.vtt`, `-chapters.txt`, `-thumbnail.png`. */
export function talkOf(paths: ArtifactPaths): ArtifactPaths {
  const suffix = (path: string, after: string) => path.replace(new RegExp(`(${after.replace('.', '\\.')})$`), `-talk$1`)
  return { ...paths, video: suffix(paths.video, '.mp4'), captions: suffix(paths.captions, '.vtt'), chapters: suffix(paths.chapters, '-chapters.txt'), thumbnail: suffix(paths.thumbnail, '-thumbnail.png') }
}

/**
 * Where a deck's artifacts go: `exports/` beside its entry, named by its
 * config's `name`, else by the headmatter's `exportFilename` (Slidev's own key
 * for its export's name), else by the entry file (`talk.md` → talk), or by its
 * folder when the entry is Slidev's default `slides.md`.
 */
export function deckName(entry: string, configured?: string): string {
  // exportFilename may be written as a path or with the extension (`exports/talk.pdf`): the name is its last part.
  const given = configured?.trim() && baseOf(configured.trim()).replace(/\.pdf$/i, '')
  if (given)
    return given
  const stem = baseOf(entry, extname(entry))
  const name = stem === 'slides' ? baseOf(dirname(entry)) : stem
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'slides'
}
export const artifactsFor = (entry: string, name?: string) => artifactsIn(join(dirname(entry), 'exports'), deckName(entry, name))

/**
 * The deck's entry file, absolute and with symlinks resolved: `entry` is taken
 * relative to the working directory; without one, `slides.md` there (as
 * `slidev` takes it). Resolved because Vite takes its root by real path: an
 * entry given through a symlinked folder made Slidev's build fail with
 * Rolldown's "fileName … must be neither absolute nor relative paths"
 * (../../link/index.html). A missing entry stays as given, for the check to name.
 */
export function entryPath(entry?: string): string {
  const path = resolve(entry ?? 'slides.md')
  return existsSync(path) ? realpathSync(path) : path
}

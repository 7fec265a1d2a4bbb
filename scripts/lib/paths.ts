import { dirname, extname, join, resolve } from 'node:path'
/** Where every artifact goes: one place to look, stable names for the README. */
import { fileURLToPath } from 'node:url'

/** The project root (this file is scripts/lib/paths.ts). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const exportsDir = join(root, 'exports')
export const basename = 'azure-linux-explained'
export const artifacts = {
  pdf: join(exportsDir, `${basename}.pdf`),
  pptx: join(exportsDir, `${basename}.pptx`),
  png: join(exportsDir, `${basename}-png`),
  handout: join(exportsDir, `${basename}-handout.pdf`),
  storyboard: join(exportsDir, `${basename}-storyboard.pdf`),
  video: join(exportsDir, `${basename}.mp4`),
  captions: join(exportsDir, `${basename}.vtt`),
  chapters: join(exportsDir, `${basename}-chapters.txt`),
  thumbnail: join(exportsDir, `${basename}-thumbnail.png`),
}
export type ArtifactPaths = typeof artifacts

/** The same names with `-dark` before the extension: a dark export never replaces the light one. */
export const darkArtifacts = Object.fromEntries(Object.entries(artifacts)
  .map(([kind, path]) => [kind, `${path.slice(0, path.length - extname(path).length)}-dark${extname(path)}`])) as ArtifactPaths

/** The deck's entry file, absolute: `entry` is taken relative to the working directory. */
export const entryPath = (entry?: string) => resolve(entry ?? join(root, 'slides.md'))

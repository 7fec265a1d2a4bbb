/** Where every artifact goes: one place to look, stable names for the README. */
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const exportsDir = join(root, 'exports')
export const basename = 'azure-linux-explained'
export const artifacts = {
  pdf: join(exportsDir, `${basename}.pdf`),
  pptx: join(exportsDir, `${basename}.pptx`),
  png: join(exportsDir, `${basename}-png`),
  handout: join(exportsDir, `${basename}-handout.pdf`),
  video: join(exportsDir, `${basename}.mp4`),
  captions: join(exportsDir, `${basename}.vtt`),
  chapters: join(exportsDir, `${basename}-chapters.txt`),
  thumbnail: join(exportsDir, `${basename}-thumbnail.png`),
}

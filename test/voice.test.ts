/**
 * The talk's lexicon heard: Festival, the offline voice `npm run video -- --voice`
 * uses, says each word the lexicon rewrites as the lexicon means it.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { applyLexicon, findVoice, readLexicon } from 'slidev-pipeline/testing'
import { describe, expect, it } from 'vitest'
import { root } from './helpers/root'

describe('the offline voice', () => {
  /** The phones Festival says for each text: one Festival for all of them (it takes a second to load the voice). */
  async function phones(...texts: string[]) {
    const voice = await findVoice()
    expect(voice.engine).toBe('festival')
    const script = [`(voice_cmu_us_slt_arctic_hts)`, ...texts.flatMap(text => [
      `(set! u (utt.synth (Utterance Text "${text}")))`,
      `(print (mapcar (lambda (s) (item.name s)) (utt.relation.items u 'Segment)))`,
    ])]
    const printed = execFileSync(voice.command, ['-b', ...script], { encoding: 'utf8' }).trim().split('\n')
    expect(printed, `Festival printed ${printed.length} lines for ${texts.length} texts`).toHaveLength(texts.length)
    return printed.map((line, i) => {
      const said = line.replace(/[()"]/g, '').split(/\s+/).filter(p => p && p !== 'pau').join(' ')
      expect(said, `Festival said nothing for "${texts[i]}"`).not.toBe('')
      return said
    })
  }

  it('says what the lexicon tells it to', async () => {
    const lexicon = readLexicon(join(root, 'narration', 'lexicon.json'))
    const [kubectl, kubectlRead, sku, skew, skuRead, version, versionRead] = await phones(
      'kubectl',
      applyLexicon('kubectl', lexicon),
      'SKU',
      'skew',
      applyLexicon('SKU', lexicon),
      '1.31',
      applyLexicon('1.31', lexicon),
    )
    // Without the lexicon Festival reads "kubectl" as "koo-bect-l", "SKU" letter by letter, "1.31" as "one point three one".
    expect(kubectl).not.toContain('k y uw b k ax n t r ow l')
    expect(kubectlRead).toBe('k y uw b k ax n t r ow l')
    expect(sku).not.toBe(skew)
    expect(skuRead).toBe(skew)
    expect(version).toContain('th r iy w ah n')
    expect(versionRead).toContain('th er d iy w ah n')
  })
})

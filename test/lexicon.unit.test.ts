/** The talk's lexicon for the offline voice: the words it gets wrong, read as the video reads them. */
import { join } from 'node:path'
import { applyLexicon, readLexicon } from 'slidev-pipeline/testing'
import { describe, expect, it } from 'vitest'
import { root } from './helpers/root'

describe('the talk\'s lexicon (narration/lexicon.json)', () => {
  const lexicon = readLexicon(join(root, 'narration', 'lexicon.json'))

  it('covers the words the voice gets wrong', () => {
    for (const word of ['AKS', 'CVE', 'K8s', 'kubectl', 'SKU', 'CIS', 'FIPS', 'Bicep', 'az'])
      expect(lexicon.words[word], word).toBeTruthy()
  })

  it('changes what is spoken: whole words, with their case, and at a sentence end', () => {
    expect(applyLexicon('AKS runs on K8s; use kubectl.', lexicon)).toBe('A K S runs on Kubernetes; use cube control.')
    expect(applyLexicon('Run az aks create with the os-sku flag.', lexicon)).toBe('Run A Z aks create with the O S-skew flag.')
    expect(applyLexicon('CVEs, CIS and FIPS in Bicep', lexicon)).toBe('C V Es, C I S and fips in bye sep')
    // Not inside other words, not in another case.
    expect(applyLexicon('Azure, hazard, Az, AKSes', lexicon)).toBe('Azure, hazard, Az, AKSes')
  })
})

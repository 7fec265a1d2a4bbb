/**
 * Painting outside the structure tree becomes /Artifact (packages/slidev-pipeline/src/outputs/pdf/artifacts.ts):
 * a reader skips decoration on purpose. Content streams as Chromium writes them.
 */
import { describe, expect, it } from 'vitest'
import { withArtifacts } from '../src/outputs/pdf/artifacts'

/** The result as one line of operations, so that the test does not depend on where line breaks fall. */
const ops = (content: string) => withArtifacts(content)!.replace(/\s+/g, ' ').trim()
const line = (...operations: string[]) => operations.join(' ')

describe('withArtifacts', () => {
  it('wraps text shown outside marked content, and leaves tagged text alone', () => {
    expect(ops('BT\n/F1 12 Tf\n302 0 Td <00D9> Tj\nET\n/P <</MCID 0 >>BDC\nBT\n<0161> Tj\nET\nEMC')).toBe(line(
      'BT',
      '/F1 12 Tf',
      '302 0 Td',
      '/Artifact BMC',
      '<00D9> Tj',
      'EMC',
      'ET',
      '/P <</MCID 0 >>BDC',
      'BT',
      '<0161> Tj',
      'ET',
      'EMC',
    ))
  })

  it('wraps a painted path with its construction (marked content may not split a path), not a clip', () => {
    expect(ops('q\n0 0 980 552 re\nW* n\n1 1 1 rg\n0 0 10 10 re\n5 5 m\nf\nQ')).toBe(line(
      'q',
      '0 0 980 552 re',
      'W* n',
      '1 1 1 rg',
      '/Artifact BMC',
      '0 0 10 10 re',
      '5 5 m',
      'f',
      'Q',
      'EMC',
    ))
  })

  it('wraps images and shadings, and keeps an /ActualText span inside a tagged sequence as it is', () => {
    expect(ops('/Im1 Do\n/Sh1 sh\n/P <</MCID 1 >>BDC\n/Im2 Do\nEMC\n/Im3 Do')).toBe(line('/Artifact BMC', '/Im1 Do', '/Sh1 sh', 'EMC', '/P <</MCID 1 >>BDC', '/Im2 Do', 'EMC', '/Artifact BMC', '/Im3 Do', 'EMC'))
    expect(ops('/P <</MCID 3 >>BDC\n/Span<</ActualText <FEFF2019> >> BDC\n<0161> Tj\nEMC\nEMC')).toBe(line('/P <</MCID 3 >>BDC', '/Span<</ActualText <FEFF2019> >> BDC', '<0161> Tj', 'EMC', 'EMC'))
  })

  it('leaves a stream with literal strings or inline images alone', () => {
    expect(withArtifacts('BT (EMC) Tj ET')).toBeUndefined()
    expect(withArtifacts('BI /W 1 /H 1 ID x EI')).toBeUndefined()
  })
})

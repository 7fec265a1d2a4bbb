/**
 * Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
 * Text never sits on these fills; labels use the slide's text colour, so both
 * themes keep AA contrast. Bars keep at least 3:1 against both backgrounds.
 */
export const palette = {
  azureLinux: '#0072B2',
  ubuntu: '#D55E00',
  neutral: '#7A7A7A',
  accent: '#009E73',
  highlight: '#E69F00',
} as const

export function colourForOs(os: string): string {
  if (os.startsWith('Azure Linux'))
    return palette.azureLinux
  if (os.startsWith('Ubuntu'))
    return palette.ubuntu
  return palette.neutral
}

export const formatNumber = (n: number) => n.toLocaleString('en-US')

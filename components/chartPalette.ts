/**
 * Okabe–Ito colours (values in styles/tokens.css, as CSS custom properties,
 * so a fill is set with `style`, not the `fill` attribute): distinguishable with every common colour-vision deficiency.
 * Text never sits on these fills; labels use the slide's text colour, so both
 * themes keep AA contrast. Bars keep at least 3:1 against both backgrounds.
 */
export const palette = {
  azureLinux: 'var(--data-blue)',
  ubuntu: 'var(--data-vermillion)',
  neutral: 'var(--data-grey)',
  neutralLight: 'var(--data-grey-light)',
  accent: 'var(--data-green)',
  highlight: 'var(--data-orange)',
} as const

export function colourForOs(os: string): string {
  if (os.startsWith('Azure Linux'))
    return palette.azureLinux
  if (os.startsWith('Ubuntu'))
    return palette.ubuntu
  return palette.neutral
}

export const formatNumber = (n: number) => n.toLocaleString('en-US')

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "2026-07-09" → "9 Jul 2026", "2026-07" → "Jul 2026": the dates charts print. */
export function formatDate(d: string) {
  const [y, m, day] = d.split('-')
  return `${day ? `${Number(day)} ` : ''}${monthNames[Number(m) - 1]} ${y}`
}

/** WCAG 2 colour arithmetic, the one implementation: relative luminance, contrast ratio, what AA asks for. */

/** sRGB channel (0–255) to linear light. */
export function linearChannel(channel: number) {
  const v = channel / 255
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}

/** Weights of linear red, green and blue in relative luminance. */
export const LUMA = [0.2126, 0.7152, 0.0722] as const

/** WCAG relative luminance of an sRGB colour. */
export function luminance(r: number, g: number, b: number): number {
  return LUMA[0] * linearChannel(r) + LUMA[1] * linearChannel(g) + LUMA[2] * linearChannel(b)
}

export const contrastRatio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)

/** Large text under WCAG: 18 pt (24 px), or 14 pt (18.66 px) bold. */
export const isLargeText = (t: { size: number, weight: number }) => t.size >= 24 || (t.size >= 18.66 && t.weight >= 700)

/** WCAG AA: 4.5:1, or 3:1 for large text. */
export const neededContrast = (t: { size: number, weight: number }) => isLargeText(t) ? 3 : 4.5

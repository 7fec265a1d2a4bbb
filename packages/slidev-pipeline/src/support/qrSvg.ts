/**
 * The QR code as an SVG string, drawn by `uqr` (black on white, the 4-module
 * quiet zone the QR standard asks for), shared by the slides' QrCode and the
 * handout. The SVG itself is the image with the alt text: Chromium's tagged
 * print makes an `<svg role="img" aria-label>` a /Figure with /Alt, but drops
 * a `role="img"` wrapper around an SVG of shapes without text.
 */
import { renderSVG } from 'uqr'

/** What a screen reader says for a QR code: that it is one, and where it leads. */
export const qrAlt = (url: string) => `QR code: ${url}`

const attribute = (text: string) => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

export function qrSvg(url: string): string {
  return renderSVG(url, { ecc: 'M', border: 4, pixelSize: 1 })
    .replace(/^<svg /, `<svg role="img" aria-label="${attribute(qrAlt(url))}" `)
}

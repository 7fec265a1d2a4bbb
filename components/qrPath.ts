import QRCode from 'qrcode'

/**
 * A QR code as one SVG path with a 4-module quiet zone, drawn locally from the
 * `qrcode` package. Shared by the QrCode slide component and the handout cover.
 */
export function qrPath(url: string): { d: string, size: number } {
  const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules
  let d = ''
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (data[y * size + x])
        d += `M${x + 4} ${y + 4}h1v1h-1z`
    }
  }
  return { d, size: size + 8 }
}

/**
 * 16-bit mono PCM WAV files, read and written without a library: the voices
 * write them, the narration track is assembled from them sample by sample.
 */
import { readFile } from 'node:fs/promises'

export interface Pcm {
  rate: number
  /** Mono, signed 16-bit. */
  samples: Int16Array
}

export const seconds = (pcm: Pcm) => pcm.samples.length / pcm.rate

/** Parses a RIFF/WAVE buffer holding 16-bit PCM, mono. */
export function parseWav(buffer: Buffer, name = 'WAV'): Pcm {
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${name}: not a WAV file`)
  let rate = 0
  let offset = 12
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4)
    let size = buffer.readUInt32LE(offset + 4)
    const body = offset + 8
    if (id === 'fmt ') {
      const format = buffer.readUInt16LE(body)
      const channels = buffer.readUInt16LE(body + 2)
      rate = buffer.readUInt32LE(body + 4)
      const bits = buffer.readUInt16LE(body + 14)
      if ((format !== 1 && format !== 0xFFFE) || channels !== 1 || bits !== 16)
        throw new Error(`${name}: expected 16-bit mono PCM, got format ${format}, ${channels} channels, ${bits} bits`)
    }
    else if (id === 'data') {
      if (!rate)
        throw new Error(`${name}: data before the format chunk`)
      // Some writers leave the size at 0 or too large when they stream.
      size = Math.min(size || buffer.length - body, buffer.length - body) & ~1
      const copy = Buffer.from(buffer.subarray(body, body + size))
      return { rate, samples: new Int16Array(copy.buffer, copy.byteOffset, size / 2) }
    }
    offset = body + size + (size & 1)
  }
  throw new Error(`${name}: no audio data`)
}

export function wavBuffer(pcm: Pcm): Buffer {
  const data = Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + data.length, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(pcm.rate, 24)
  header.writeUInt32LE(pcm.rate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(data.length, 40)
  return Buffer.concat([header, data])
}

export const readWav = async (file: string) => parseWav(await readFile(file), file)

/** Silence, `count` samples long. */
export const silence = (rate: number, count: number): Pcm => ({ rate, samples: new Int16Array(Math.max(0, count)) })

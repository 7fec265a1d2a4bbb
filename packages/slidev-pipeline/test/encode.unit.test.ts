/**
 * The video encoder (packages/slidev-pipeline/src/outputs/video/encode.ts) on three small stills:
 * each distinct still is encoded once as an IDR frame and held with P_Skip
 * frames, so every frame of a step must decode to exactly its still's frame,
 * and look like the still; the stream is 30 fps CFR H.264 yuv420p with an
 * IDR at every step and at least every KEYFRAME_SECONDS.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeVideo, KEYFRAME_SECONDS, runsOf, stepFrames } from '../src/outputs/video/encode'
import { findFfmpeg, findFfprobe } from '../src/support/executable'

const W = 320
const H = 180
const FPS = 30

/** A still with detail, so that the encoding is lossy: grey noise (fine detail in luma, as text is), 8 px coloured stripes and a gradient (colour changes on even pixels: 4:2:0 keeps them). */
function still(seed: number): PNG {
  const png = new PNG({ width: W, height: H })
  let random = seed
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      random = (random * 1103515245 + 12345) % 2 ** 31
      const i = (y * W + x) * 4
      const stripe = ((x + seed * 8) >> 3) % 2 ? 220 : 40
      const grain = (random >> 8) % 48
      png.data[i] = stripe - 20 + grain
      png.data[i + 1] = x * 100 / W + seed * 30 + grain
      png.data[i + 2] = 60 + seed * 30 + grain
      png.data[i + 3] = 255
    }
  }
  return png
}

const ffprobe = (args: string[]) => execFileSync(findFfprobe(), ['-v', 'error', ...args], { encoding: 'utf8' })

describe('encodeVideo', () => {
  let work: string
  let output: string
  const pngs = [still(1), still(2), still(3)]
  let steps: { still: string, seconds: number }[]
  const total = 9
  let frames: number[]
  let md5: string[]

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'encode-test-'))
    const files = pngs.map((_, i) => join(work, `still-${i}.png`))
    await Promise.all(files.map((f, i) => writeFile(f, PNG.sync.write(pngs[i]!))))
    // Still 0 twice (one encode), a step longer than two keyframe intervals, the last held to `total`.
    steps = [{ still: files[0]!, seconds: 2.5 }, { still: files[1]!, seconds: 1 }, { still: files[0]!, seconds: 0.5 }, { still: files[2]!, seconds: 4.05 }]
    frames = stepFrames(steps, FPS, total)
    const captions = join(work, 'c.vtt')
    await writeFile(captions, 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n')
    const metadata = join(work, 'm.txt')
    await writeFile(metadata, ';FFMETADATA1\ntitle=Test\n')
    output = join(work, 'v.mp4')
    await encodeVideo({ steps, fps: FPS, total, captions, metadata, output, workDir: work })
    const framemd5 = execFileSync(findFfmpeg(), ['-v', 'error', '-i', output, '-map', '0:v', '-f', 'framemd5', '-'], { encoding: 'utf8' })
    md5 = framemd5.split('\n').filter(l => l && !l.startsWith('#')).map(l => l.split(',').at(-1)!.trim())
  }, 60_000)
  afterAll(async () => {
    if (work)
      await rm(work, { recursive: true, force: true })
  })

  it('cuts steps into runs that start with an IDR and never leaves a one-frame run after another', () => {
    expect(runsOf(75, 60)).toEqual([60, 15])
    expect(runsOf(61, 60)).toEqual([59, 2])
    expect(runsOf(120, 60)).toEqual([60, 60])
    expect(runsOf(1, 60)).toEqual([1])
    expect(frames).toEqual([75, 30, 15, 150])
  })

  it('is 30 fps CFR H.264 yuv420p, exactly as long as asked, with the captions track', () => {
    const info = JSON.parse(ffprobe(['-show_format', '-show_streams', '-of', 'json', output]))
    const video = info.streams.find((s: any) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', width: W, height: H, pix_fmt: 'yuv420p', r_frame_rate: '30/1', avg_frame_rate: '30/1' })
    expect(Number(video.nb_frames)).toBe(total * FPS)
    expect(Number(info.format.duration)).toBeCloseTo(total, 3)
    expect(info.streams.filter((s: any) => s.codec_type === 'subtitle').map((s: any) => s.codec_name)).toEqual(['mov_text'])
    expect(md5.length).toBe(total * FPS)
  })

  it('has an IDR frame at every step and at least every KEYFRAME_SECONDS, and nowhere else', () => {
    const flags = ffprobe(['-select_streams', 'v', '-show_entries', 'packet=flags', '-of', 'csv=p=0', output]).trim().split('\n')
    const keyframes = flags.flatMap((f, i) => f.startsWith('K') ? [i] : [])
    const expected: number[] = []
    let at = 0
    for (const n of frames) {
      for (const run of runsOf(n, KEYFRAME_SECONDS * FPS)) {
        expected.push(at)
        at += run
      }
    }
    expect(keyframes).toEqual(expected)
  })

  it('decodes every frame of a step to the same picture, one picture per still', () => {
    let at = 0
    const pictureOf = new Map<string, string>()
    steps.forEach((step, i) => {
      const own = md5.slice(at, at + frames[i]!)
      expect(new Set(own).size, `step ${i}: frames ${at}–${at + frames[i]! - 1}`).toBe(1)
      if (pictureOf.has(step.still))
        expect(own[0], `step ${i} shows the same still as before`).toBe(pictureOf.get(step.still))
      pictureOf.set(step.still, own[0]!)
      at += frames[i]!
    })
    expect(new Set(pictureOf.values()).size).toBe(3)
  })

  // Four ffmpeg decodes of 1080p frames: seconds on two loaded cores, not the default 5.
  it('looks like its still and not like the others (mean error per channel, of 255)', () => {
    const meanError = (frame: Buffer, png: PNG) => {
      let error = 0
      for (let p = 0; p < W * H; p++) {
        for (let c = 0; c < 3; c++)
          error += Math.abs(frame[p * 3 + c]! - png.data[p * 4 + c]!)
      }
      return error / (W * H * 3)
    }
    let at = 0
    frames.forEach((n, i) => {
      const frame = execFileSync(findFfmpeg(), ['-v', 'error', '-i', output, '-vf', `select=eq(n\\,${at + n - 1})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'])
      const own = [0, 1, 0, 2][i]!
      expect(meanError(frame, pngs[own]!), `step ${i}, last frame`).toBeLessThan(4)
      for (const other of [0, 1, 2].filter(k => k !== own))
        expect(meanError(frame, pngs[other]!), `step ${i} against still ${other}`).toBeGreaterThan(20)
      at += n
    })
  }, 30_000)
})

/**
 * A recorded talk as `present --record` writes it (recording.webm and
 * log.jsonl), made without a browser or a microphone: the sound is put
 * together here (beeps at known times, and Festival speaking given sentences
 * at known times), encoded as Opus in WebM by ffmpeg, with a VP8 camera picture
 * when asked; the log is written by hand.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readWav, wavBuffer } from '../../src/outputs/narration/wav'
import { findFfmpeg } from '../../src/support/executable'

export const RATE = 48_000
export const BEEP = { hz: 1000, seconds: 0.08 }

export interface Said { at: number, text: string }

/** 16-bit mono PCM at RATE, `seconds` long: a quiet room hum, beeps at `beeps` (seconds), Festival saying each `said` at its time. */
export async function talkSound(seconds: number, beeps: number[], said: Said[], work: string): Promise<Int16Array> {
  const samples = new Float64Array(Math.round(seconds * RATE))
  // A faint hum, so the sound is never digital silence (as a room is not).
  for (let i = 0; i < samples.length; i++)
    samples[i] = 0.002 * Math.sin(2 * Math.PI * 120 * i / RATE)
  for (const at of beeps) {
    const n = Math.round(BEEP.seconds * RATE)
    const ramp = Math.round(0.004 * RATE)
    for (let i = 0; i < n; i++) {
      const edge = Math.min(1, i / ramp, (n - i) / ramp)
      samples[Math.round(at * RATE) + i] += 0.5 * edge * Math.sin(2 * Math.PI * BEEP.hz * i / RATE)
    }
  }
  for (const [k, { at, text }] of said.entries()) {
    const txt = join(work, `said-${k}.txt`)
    const wav = join(work, `said-${k}.wav`)
    writeFileSync(txt, text)
    execFileSync('text2wave', ['-eval', '(voice_cmu_us_slt_arctic_hts)', txt, '-o', wav], { stdio: 'ignore' })
    const resampled = join(work, `said-${k}-48k.wav`)
    execFileSync(findFfmpeg(), ['-v', 'error', '-y', '-i', wav, '-ar', String(RATE), '-ac', '1', '-c:a', 'pcm_s16le', resampled])
    const pcm = await readWav(resampled)
    const from = Math.round(at * RATE)
    for (let i = 0; i < pcm.samples.length && from + i < samples.length; i++)
      samples[from + i] += pcm.samples[i]! / 32768 * 0.7
  }
  return Int16Array.from(samples, x => Math.round(Math.max(-1, Math.min(1, x)) * 32767))
}

export type LogLine = Record<string, unknown>

/** recording.webm (Opus; with `camera`, a VP8 test picture too) and log.jsonl in `dir`. */
export function writeRecording(dir: string, sound: Int16Array, log: LogLine[], options: { camera?: boolean } = {}) {
  mkdirSync(dir, { recursive: true })
  const wav = join(dir, 'sound.wav')
  writeFileSync(wav, wavBuffer({ rate: RATE, samples: sound }))
  const seconds = sound.length / RATE
  const camera = options.camera
    ? ['-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=15:duration=${seconds}`]
    : []
  execFileSync(findFfmpeg(), ['-v', 'error', '-y', '-i', wav, ...camera, ...(options.camera ? ['-map', '0:a', '-map', '1:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k'] : []), '-c:a', 'libopus', '-b:a', '64k', '-f', 'webm', join(dir, 'recording.webm')])
  rmSync(wav)
  writeFileSync(join(dir, 'log.jsonl'), `${log.map(l => JSON.stringify(l)).join('\n')}\n`)
}

/** The start line `present --record` writes first. */
export function startLine(deck: string, slides: number, camera = false): LogLine {
  return { type: 'start', version: 1, deck, title: 'Video Fixture', slides, mimeType: camera ? 'video/webm;codecs=vp8,opus' : 'audio/webm;codecs=opus', startedAt: '2026-12-10T09:00:00.000Z', camera }
}

/**
 * The onset of the beep near each of `expected` (seconds) in mono samples: in
 * 1 ms frames, the 1 kHz level (Goertzel) within ±0.25 s of the expected time,
 * and where it first passes half its peak there, interpolated. The same
 * measure on the input and the output cancels its own bias.
 */
export function beepOnsets(samples: ArrayLike<number>, rate: number, expected: number[]): number[] {
  const frame = Math.round(rate / 1000)
  const coeff = 2 * Math.cos(2 * Math.PI * BEEP.hz / rate)
  const level = (at: number) => {
    let s1 = 0
    let s2 = 0
    for (let i = at; i < at + frame; i++) {
      const s = (samples[i] ?? 0) + coeff * s1 - s2
      s2 = s1
      s1 = s
    }
    return Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2))
  }
  return expected.map((t) => {
    const from = Math.max(0, Math.round((t - 0.25) * rate))
    const levels: number[] = []
    for (let at = from; at < Math.round((t + 0.25) * rate); at += frame)
      levels.push(level(at))
    const half = Math.max(...levels) / 2
    const f = levels.findIndex(l => l >= half)
    const before = levels[f - 1] ?? 0
    return (from + (f - 1 + (half - before) / (levels[f]! - before || 1)) * frame) / rate
  })
}

/**
 * The figures the README quotes for `video --recording`, on a deck's own
 * narration standing in for a speaker: run from the deck's folder with
 *   npx tsx packages/slidev-pipeline/scripts/measure-recording.ts [slides.md] [minutes=25]
 *
 * 1. `video --voice` (warm: run once before, so the build and the voice are cached), timed;
 * 2. a recording made from that narration: its track padded to `minutes` with
 *    a faint hum, as Opus in WebM, and a log that steps through every click
 *    step at the narrated plan's times (so the captions' words are known);
 * 3. `video --recording` on it, timed: with automatic captions recognised by
 *    the render (the recognition cache emptied first), with automatic captions
 *    recognised as `present --record` recognises them during the talk (the
 *    same code, live-captions.ts, run on the finished file and timed apart),
 *    and with the speaker's VTT (no recogniser), each against 1;
 * 4. the automatic captions' word error rate against the narrated captions
 *    (the notes as the voice spoke them).
 * Writes nothing in the deck's exports/ but the -talk files and the recording folder.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { findRecogniser, wordErrorRate } from '../src/outputs/recording/recognise.ts'
import { recognitionCacheOf } from '../src/outputs/recording/recording.ts'
import { runPipeline } from '../src/pipeline.ts'
import { liveCaptions } from '../src/present/live-captions.ts'
import { findFfmpeg } from '../src/support/executable.ts'

const entry = resolve(process.argv[2] ?? 'slides.md')
const minutes = Number(process.argv[3] ?? 25)
const bin = resolve(import.meta.dirname, '../bin/slidev-pipeline.mjs')

function timed(args: string[]) {
  const out = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
  const m = out.stderr.match(/TIME ([\d.]+) ([\d.]+) ([\d.]+)/)
  if (out.status !== 0 || !m)
    throw new Error(`${args.join(' ')} failed:\n${out.stdout}\n${out.stderr}`)
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), output: out.stdout + out.stderr }
}

const vttText = (vtt: string) => vtt.split(/\n{2,}/).filter(b => b.includes(' --> ')).map(b => b.split('\n').slice(b.split('\n').findIndex(l => l.includes(' --> ')) + 1).join(' ')).join(' ')

const narrated = timed(['video', entry, '--voice', '--force'])
console.log(`narrated video (--voice, warm): ${narrated.wall.toFixed(1)} s wall, ${narrated.cpu.toFixed(1)} CPU s`)

// The narrated plan and track (from the cache: nothing is spoken again).
const planned = await runPipeline({ entry, artifacts: ['video'], voice: true, planOnly: true, gate: false })
const { plan } = planned.video!
const track = planned.narration!.audio
const length = minutes * 60
if (plan.total > length)
  throw new Error(`the narration is ${plan.total} s, longer than ${minutes} minutes`)
const dir = join(entry, '..', 'exports', 'measure-recordings', `${minutes}min`)
mkdirSync(dir, { recursive: true })
execFileSync(findFfmpeg(), ['-v', 'error', '-y', '-i', track, '-f', 'lavfi', '-i', `sine=frequency=120:sample_rate=48000:duration=${length}`, '-filter_complex', `[1:a]volume=0.002[hum];[0:a]apad=whole_dur=${length}[v];[v][hum]amix=inputs=2:normalize=0:duration=longest`, '-t', String(length), '-c:a', 'libopus', '-b:a', '48k', '-f', 'webm', join(dir, 'recording.webm')])
const log = [
  { type: 'start', version: 1, deck: 'slides.md', title: String(planned.deck.headmatter.title ?? ''), slides: planned.deck.slides.length, mimeType: 'audio/webm;codecs=opus', startedAt: new Date().toISOString(), camera: false },
  ...plan.steps.map(s => ({ type: 'slide', t: Math.round(s.start * 1000), slide: s.slide, click: s.clicks })),
  { type: 'stop', t: length * 1000, reason: 'control' },
]
writeFileSync(join(dir, 'log.jsonl'), `${log.map(l => JSON.stringify(l)).join('\n')}\n`)
console.log(`recording: ${minutes} min, ${plan.steps.length} steps, narration ${plan.total.toFixed(0)} s`)

rmSync(recognitionCacheOf(entry), { recursive: true, force: true })
const automatic = timed(['video', entry, '--force', '--recording', dir])
console.log(`video --recording (automatic captions): ${automatic.wall.toFixed(1)} s wall, ${automatic.cpu.toFixed(1)} CPU s (${(automatic.wall / narrated.wall).toFixed(2)}× wall, ${(automatic.cpu / narrated.cpu).toFixed(2)}× CPU)`)
console.log(automatic.output.split('\n').filter(l => /^ {2}\w+: .* s$|recording:/.test(l)).join('\n'))

const talkVtt = planned.paths.captions.replace(/\.vtt$/, '-talk.vtt')
const reference = vttText(readFileSync(planned.paths.captions, 'utf8'))
const recognised = vttText(readFileSync(talkVtt, 'utf8'))
console.log(`automatic captions: WER ${(wordErrorRate(reference, recognised) * 100).toFixed(1)} % over ${reference.split(/\s+/).length} words`)

// As during the talk: the server's recogniser, on the finished file (every part settled), then the render.
rmSync(recognitionCacheOf(entry), { recursive: true, force: true })
const recogniser = findRecogniser()
if (!recogniser)
  throw new Error('pocketsphinx is not installed')
const liveStart = performance.now()
await liveCaptions(join(dir, 'recording.webm'), entry, recogniser, console.log).stopped()
const liveWall = (performance.now() - liveStart) / 1000
const live = timed(['video', entry, '--force', '--recording', dir])
console.log(`recognised as during the talk: ${liveWall.toFixed(1)} s wall, one part at a time at nice 19 (during a talk this is spread over its ${minutes} minutes)`)
console.log(`video --recording (automatic captions recognised during the talk): ${live.wall.toFixed(1)} s wall, ${live.cpu.toFixed(1)} CPU s (${(live.wall / narrated.wall).toFixed(2)}× wall, ${(live.cpu / narrated.cpu).toFixed(2)}× CPU)`)
console.log(live.output.split('\n').filter(l => /captions|^ {2}\w+: .* s$/.test(l)).join('\n'))

const given = timed(['video', entry, '--force', '--recording', dir, '--captions', planned.paths.captions])
console.log(`video --recording --captions FILE.vtt: ${given.wall.toFixed(1)} s wall, ${given.cpu.toFixed(1)} CPU s (${(given.wall / narrated.wall).toFixed(2)}× wall, ${(given.cpu / narrated.cpu).toFixed(2)}× CPU)`)

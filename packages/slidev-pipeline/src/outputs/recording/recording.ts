import type { Deck } from '../../support/deck.ts'
import type { TrackInput } from '../narration/loudness.ts'
import type { Cue } from '../video/captions.ts'
import type { TimingPlan } from '../video/timing.ts'
import type { VideoPlan } from '../video/video.ts'
import type { RecordingLog } from './log.ts'
import type { Recognised, Word } from './recognise.ts'
import type { Rehearsal } from './rehearsal.ts'
/**
 * `video --recording DIR`: the talk as it was given. Two halves:
 *   openRecording  before the build: the folder, the log against the deck,
 *                  the sound decoded (its length is the video's), the log
 *                  against that length, and an `--audio` file aligned to it.
 *                  Anything wrong stops here, naming the file: nothing is
 *                  built, nothing written.
 *   renderRecording once the stills are captured: the plan from the log,
 *                  the sound at −16 LUFS (narration/loudness.ts), the
 *                  chapters (video/captions.ts, on the visits) and the captions.
 */
import { readFileSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { writeFileAtomically } from '../../support/atomic.ts'
import { findFfmpeg } from '../../support/executable.ts'
import { runProcessOutput } from '../../support/process.ts'
import { encodeNormalizedTrack } from '../narration/loudness.ts'
import { chapters } from '../video/captions.ts'
import { ALIGN_RATE, alignTracks } from './align.ts'
import { logToFile } from './levels.ts'
import { chapterVisits, checkLogDeck, parseLog, planFromLog, RecordingError, shiftLog } from './log.ts'
import { AT_TIMESTAMPS, decodeMono, probeStreams } from './media.ts'
import { AUTOMATIC_NOTE, findRecogniser, recognise, RECOGNISER_RATE, wordCues } from './recognise.ts'
import { rehearsal, rehearsalText } from './rehearsal.ts'
import { alignTranscript, speechSegments, spreadTranscript } from './transcript.ts'

export interface RecordingOptions {
  /** The recording's folder: recording.webm and log.jsonl. */
  dir: string
  /** A better recording of the same talk, aligned to the browser's by cross-correlation. */
  audio?: string
  /** The speaker's captions: a WebVTT used as is, or a plain transcript timed to the sound. */
  captions?: string
}

/** How far the log may run past the sound: the recorder flushes both every few seconds, so a crash can cut them a little apart. */
export const LOG_SLACK = 1

export interface OpenedRecording {
  options: RecordingOptions
  webm: string
  logFile: string
  log: RecordingLog
  /** The video's length: the browser recording's sound, decoded. */
  length: number
  camera: boolean
  /** The sound of the video: the browser's, or the --audio file moved onto its clock. */
  track: Extract<TrackInput, { file: string }>
  /** The --audio file's offset found by alignment, in seconds, and its clock's drift (align.ts: Alignment). */
  offset?: number
  drift?: number
  /** The video's sound and the captions' words, started ahead (startAhead) while the deck builds and its stills are taken. */
  ahead?: Ahead
}

interface Ahead {
  samples: Promise<Int16Array>
  words?: Promise<Recognised>
  /** The video's sound at −16 LUFS (AAC), made while the stills are taken: a folder of its own, removed by `stop`. */
  sound: Promise<string>
  stop: () => void
}

/** How nicely the recogniser runs ahead: on what the build and Chromium leave idle (as the voice does). */
export const AHEAD_NICENESS = 19

/** Where recognised words are kept, by a hash of the sound: beside the deck, as the narration's cache. */
export const recognitionCacheOf = (entry: string) => join(dirname(entry), 'node_modules', '.cache', 'recognition')

/**
 * Starts, while the deck builds and its stills are taken: the video's sound at
 * −16 LUFS (a 25-minute talk's takes about 25 s, which the render would
 * otherwise wait for after the capture), and the sound decoded for the
 * recogniser and recognised when the captions are to come from it, at the
 * lowest priority (pocketsphinx takes about an eighth of the talk's length in
 * CPU; present --record has usually done most of it). renderRecording takes
 * what they made; `stop` ends them and removes their files.
 */
export function startAhead(recording: OpenedRecording, deck: Deck): Ahead {
  const controller = new AbortController()
  let soundDir: string | undefined
  const sound = (async () => {
    soundDir = await mkdtemp(join(tmpdir(), 'recording-sound-'))
    const file = join(soundDir, 'recording.m4a')
    await encodeNormalizedTrack(recording.track, file, { gainThenLimit: true })
    return file
  })()
  const captions = recording.options.captions
  let workDir: string | undefined
  // The speaker's own WebVTT needs neither the sound decoded nor the recogniser.
  const vtt = captions && /\.vtt$/i.test(captions)
  const samples = vtt ? Promise.resolve(new Int16Array()) : decode16k(recording.track, controller.signal)
  const recogniser = vtt ? undefined : findRecogniser()
  const words = recogniser
    ? samples.then(async (pcm) => {
        workDir = await mkdtemp(join(tmpdir(), 'recognise-'))
        return recognise(recogniser, pcm, workDir, { cacheDir: recognitionCacheOf(deck.entry), signal: controller.signal, niceness: AHEAD_NICENESS })
      }).finally(() => workDir && rm(workDir, { recursive: true, force: true }))
    : undefined
  // Awaited by the render; until then a failure must not be an unhandled rejection.
  for (const promise of [sound, samples, words])
    promise?.catch(() => {})
  return {
    samples,
    words,
    sound,
    stop: () => {
      controller.abort()
      sound.finally(() => soundDir && rm(soundDir, { recursive: true, force: true })).catch(() => {})
    },
  }
}

/** The folder and what is in it, checked against the deck; `--audio` aligned. Throws a RecordingError naming the file. */
export async function openRecording(options: RecordingOptions, deck: Deck, log: (line: string) => void): Promise<OpenedRecording> {
  const webm = join(options.dir, 'recording.webm')
  const logFile = join(options.dir, 'log.jsonl')
  let text: string
  try {
    text = readFileSync(logFile, 'utf8')
  }
  catch {
    throw new RecordingError(`The recording's log ${logFile} does not exist or cannot be read`)
  }
  let parsed = parseLog(text, logFile)
  checkLogDeck(parsed, deck, logFile)
  const streams = await probeStreams(webm)
  const { reference, length, track: browser } = await browserSound(webm)
  // Where the file's sound sits against the log's clock, from the levels the page logged.
  const sync = logToFile(parsed, reference, ALIGN_RATE)
  if (sync)
    parsed = shiftLog(parsed, sync.at)
  // Tens of ms are the usual (Opus's own delay among them); more is worth a line.
  if (sync && sync.lags.some(ms => Math.abs(ms) >= 50)) {
    const said = [...new Set(sync.lags.map(ms => `${Math.abs(ms)} ms ${ms >= 0 ? 'later' : 'earlier'}`))]
    log(`  the sound sits ${said.length === 1 ? said[0] : `${said.join(', ')} (from each resume on)`} in ${webm} than the log's clock says (measured from the page's levels): every slide and click moved with it`)
  }
  if (parsed.last > length + LOG_SLACK)
    throw new RecordingError(`The audio of ${webm} is shorter than the log: it ends at ${length.toFixed(1)} s, ${logFile} goes on to ${parsed.last.toFixed(1)} s`)
  let track: OpenedRecording['track']
  let offset: number | undefined
  let drift: number | undefined
  if (options.audio) {
    const other = await decodeMono(options.audio, ALIGN_RATE, 'The --audio file')
    const found = alignTracks(reference, other)
    offset = found.offset
    drift = found.drift
    const ppm = Math.round(drift * 1e6)
    log(`  --audio ${options.audio}: offset ${offset >= 0 ? '+' : ''}${offset.toFixed(3)} s against the browser's recording (${offset >= 0 ? 'it started earlier' : 'it started later'}; match ${found.confidence.toFixed(0)}× the background${found.confidence < 5 ? ': doubtful, is it the same talk?' : ''})${drift ? `; its clock runs ${Math.abs(ppm)} ppm ${ppm > 0 ? 'fast' : 'slow'}, stretched to the browser's` : ''}`)
    if (found.confidence < 2)
      throw new RecordingError(`The --audio file ${options.audio} does not match the browser's recording ${webm} (no clear cross-correlation peak): is it the same talk?`)
    // On the browser's clock: its timeline scaled by 1/(1 + drift) (asetrate), then what came before cut, or a late start waited for.
    const start = offset / (1 + drift)
    if (other.length / ALIGN_RATE / (1 + drift) - start < length - 0.5)
      log(`  --audio ends ${(length - (other.length / ALIGN_RATE / (1 + drift) - start)).toFixed(1)} s before the browser's recording: the rest is silent`)
    const stretch = drift ? `asetrate=${(48000 * (1 + drift)).toFixed(3)},aresample=48000,` : ''
    const shift = start >= 0 ? `atrim=start=${start.toFixed(6)},asetpts=PTS-STARTPTS` : `adelay=delays=${Math.round(-start * 1000)}:all=1`
    track = { file: options.audio, filter: `${AT_TIMESTAMPS},aresample=48000,${stretch}${shift},apad,atrim=end=${length.toFixed(6)}` }
  }
  else {
    track = browser
  }
  return { options, webm, logFile, log: parsed, length, camera: streams.video, track, offset, drift }
}

/**
 * The browser's recording: its sound decoded (the reference `--audio` is aligned to), its length
 * (the video's) and the track the video's sound comes from. The same for a recording still being
 * made (present's live captions) and for the render, so both cut and hash the same parts.
 */
export async function browserSound(webm: string) {
  const reference = await decodeMono(webm, ALIGN_RATE)
  const length = reference.length / ALIGN_RATE
  const track: OpenedRecording['track'] = { file: webm, filter: `${AT_TIMESTAMPS},aresample=48000,apad,atrim=end=${length.toFixed(6)}` }
  return { reference, length, track }
}

/** The sound of `track` as 16-bit mono at the recogniser's rate, on the video's clock. */
export async function decode16k(track: OpenedRecording['track'], signal?: AbortSignal): Promise<Int16Array> {
  const out = await runProcessOutput(findFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-i', track.file, '-map', '0:a:0', '-af', `${track.filter ?? 'anull'},aresample=${RECOGNISER_RATE}`, '-ac', '1', '-f', 's16le', 'pipe:1'], { quiet: true, signal, niceness: AHEAD_NICENESS, label: 'ffmpeg (decoding the talk for the recogniser)' })
  const bytes = out.stdout
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)))
}

export interface RenderedRecording {
  opened: OpenedRecording
  video: VideoPlan
  /** AAC at −16 LUFS, the video's length. */
  audio: string
  /** The WebVTT to mux and write, or undefined for none. */
  captions?: string
  /** How the captions were made, for the log line. */
  captionSource: string
}

function captionsVtt(cues: Cue[], note?: string) {
  const time = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23)
  return `WEBVTT\n\n${note ? `NOTE ${note}\n\n` : ''}${cues.map((c, i) => `${i + 1}\n${time(c.start)} --> ${time(c.end)}\n${c.text}\n`).join('\n')}`
}

/** The plan, the sound and the captions of the recorded talk; `clicks` per slide as captured. */
export async function renderRecording(recording: OpenedRecording, deck: Deck, clicks: number[], workDir: string, log: (line: string) => void): Promise<RenderedRecording> {
  const { plan, clamped } = planFromLog(recording.log, deck, clicks, recording.length)
  if (clamped.length)
    log(`  the log shows ${clamped.length} click step${clamped.length === 1 ? '' : 's'} the deck no longer has (first: slide ${clamped[0]!.slide}, click ${clamped[0]!.click}): shown as the slide's last step`)
  const chapterPlan = { ...plan, slides: chapterVisits(plan) }
  const audio = join(workDir, 'recording.m4a')
  const captionsFile = recording.options.captions
  const transcript = captionsFile && !/\.vtt$/i.test(captionsFile) ? readCaptions(captionsFile) : undefined
  const recogniser = captionsFile && !transcript ? undefined : findRecogniser()
  // Started here when the pipeline did not start it ahead (then stopped here: its folder removed).
  const ahead = recording.ahead ?? startAhead(recording, deck)

  const captions = (async (): Promise<{ vtt?: string, source: string }> => {
    if (captionsFile && !transcript) {
      const vtt = readCaptions(captionsFile)
      if (!vtt.startsWith('WEBVTT'))
        throw new RecordingError(`--captions ${captionsFile} is not WebVTT (it must start with WEBVTT); a plain transcript should end in .txt`)
      return { vtt, source: `${captionsFile}, as is` }
    }
    if (!recogniser && !transcript) {
      log('  warning: no captions: pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us, or bash scripts/setup.sh)')
      return { source: 'none' }
    }
    let words: Word[]
    let source: string
    if (transcript && recogniser) {
      words = alignTranscript(transcript, (await ahead.words!).words)
      source = `${captionsFile}, aligned to the recogniser's word times`
    }
    else if (transcript) {
      words = spreadTranscript(transcript, speechSegments(await ahead.samples, RECOGNISER_RATE))
      source = `${captionsFile}, spread over the speech (pocketsphinx is not installed, so not word by word)`
    }
    else {
      const recognised = await ahead.words!
      words = recognised.words
      source = `automatic (pocketsphinx, ${words.length} words; ${recognised.cached} of ${recognised.parts} minute-long parts already recognised, during the talk or by an earlier render)`
    }
    return { vtt: captionsVtt(wordCues(words), transcript ? undefined : AUTOMATIC_NOTE), source }
  })()
  const [{ vtt, source }] = await Promise.all([captions, ahead.sound.then(made => copyFile(made, audio))]).finally(() => {
    if (!recording.ahead)
      ahead.stop()
  })
  return {
    opened: recording,
    video: { plan, cues: [], chapters: chapters(chapterPlan), length: plan.total },
    audio,
    captions: vtt,
    captionSource: source,
  }
}

function readCaptions(file: string) {
  try {
    return readFileSync(file, 'utf8')
  }
  catch {
    throw new RecordingError(`--captions ${file} does not exist or cannot be read`)
  }
}

/** The rehearsal report of the recorded talk against the notes' plan, written to `rehearsal.txt` in the recording's folder. */
export async function reportRehearsal(recording: OpenedRecording, deck: Deck, clicks: number[], notesPlan: TimingPlan): Promise<{ text: string, file: string, report: Rehearsal }> {
  const { plan } = planFromLog(recording.log, deck, clicks, recording.length)
  const report = rehearsal(deck, notesPlan, plan, recording.log)
  const text = rehearsalText(report, recording.log.start.title ?? String(deck.headmatter.title ?? ''), recording.log.start.startedAt)
  const file = join(recording.options.dir, 'rehearsal.txt')
  await writeFileAtomically(file, text)
  return { text, file, report }
}

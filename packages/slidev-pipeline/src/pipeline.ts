import type { CachedBuild, ServedDeck } from './build/build.ts'
import type { Browser } from './capture/browser.ts'
import type { CaptureHooks, Still } from './capture/capture.ts'
import type { DeckConfig } from './check/deck-config.ts'
import type { HandoutLayout } from './outputs/handout/handout.ts'
import type { Narration, Narrator } from './outputs/narration/render.ts'
import type { OpenedRecording, RecordingOptions, RenderedRecording } from './outputs/recording/recording.ts'
import type { TimingOptions } from './outputs/video/timing.ts'
import type { VideoPlan } from './outputs/video/video.ts'
import type { Deck } from './support/deck.ts'
import type { ArtifactPaths } from './support/paths.ts'
/**
 * One build, one browser, every artifact. `runPipeline` composes stage
 * functions, each timed, and one writer per artifact; data flows one way,
 * each stage taking what the ones before it returned:
 *   check    the deck check (file and line for every problem)      checkStage
 *   build    `slidev build`, or the cached build when nothing it    buildStage
 *            is made from changed
 *   capture  one Chromium: the slides PDF from the print route,    captureStage
 *            and one still per slide and click step (the PNGs, the
 *            video), side by side; the gate's runner looks at every
 *            slide there
 *   (video)  the timing plan, retimed by the narration             videoStage
 *   gate     the gate's reporter: stop before writing, or warn      gateStage
 *   write    one writer per artifact, each atomic                  writeStage
 *            (src/outputs/writers.ts; the handout is stamped with the
 *            same slides PDF, the video and the storyboard use the same stills)
 * Hooks let a caller look at every slide in the pages the capture opens and
 * stop before anything is written.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { cachedBuild, serveDeck } from './build/build.ts'
import { canvasOf, captureStills, clicksSeen, countClicks, printSlides, slideHeadings } from './capture/capture.ts'
import { installedFontsOf } from './capture/checks/fonts.ts'
import { OFFLINE_CONTEXT } from './capture/checks/offline.ts'
import { readStylesheets } from './capture/checks/stylesheets.ts'
import { enforceGate, reportGate } from './capture/gate/report.ts'
import { GateRunner } from './capture/gate/runner.ts'
import { DeckCheckError, inspectDeck, loadCheckedDeck, printWarnings } from './check/deck-check.ts'
import { loadDeckConfig } from './check/deck-config.ts'
import { prepareNarration } from './outputs/narration/render.ts'
import { probeDuration } from './outputs/video/encode.ts'
import { checkTimingFrontmatter } from './outputs/video/timing.ts'
import { planVideo } from './outputs/video/video.ts'
import { assertDrivableSlidev } from './slidev/internals.ts'
import { withPageTitles } from './support/deck.ts'
import { findFfmpeg, findFfprobe } from './support/executable.ts'
import { artifactsFor, darkOf, entryPath, talkOf } from './support/paths.ts'

export type Artifact = 'pdf' | 'png' | 'pptx' | 'handout' | 'video' | 'storyboard'

export interface PipelineHooks extends CaptureHooks {
  /** After every capture, before any file is written: throw to stop and keep the previous files. */
  beforeWrite?: (deck: Deck) => Promise<void> | void
}

export interface PipelineOptions {
  /** Deck entry (default: slides.md), relative to the working directory. */
  entry?: string
  artifacts: Artifact[]
  /** Where to write; defaults to exports/ beside the entry, named by the deck (src/support/paths.ts). */
  outputs?: Partial<ArtifactPaths>
  /** Base path of the build (a web host's sub-path). */
  base?: string
  /** Slides PDF and PNGs in the dark theme. */
  dark?: boolean
  /** Handout: stamp this slides PDF instead of printing the deck. */
  slidesPdf?: string
  /** Video: narration to mux in. */
  audio?: string
  /** Video: the talk as it was given, from `present --record`'s folder (the video is then `<name>-talk.mp4`). */
  recording?: RecordingOptions
  /** Video: speak the notes with the offline voice (steps without a recording in `narrationDir`). */
  voice?: boolean
  /** Video: the speaker's recordings (07.m4a, 07-2.m4a); default: narration/ next to the deck. */
  narrationDir?: string
  /** Video: where synthesized speech is cached (default node_modules/.cache/narration). */
  narrationCache?: string
  /** Where the voice is looked up (PATH); default: process.env. */
  env?: NodeJS.ProcessEnv
  timing?: Partial<TimingOptions>
  /** Video: stop after the timing plan, write nothing. */
  planOnly?: boolean
  hooks?: PipelineHooks
  /** Write even when the deck check or the page checks find problems; they are printed as warnings. */
  force?: boolean
  /** The deck may load files from the network: no remote-asset problems, pages not kept offline (also `allowRemote` in deck.config.ts). */
  allowRemote?: boolean
  /** The page checks (src/capture/gate/); off only to measure what they cost (npm run bench). */
  gate?: boolean
  /** Progress lines; default: none. */
  log?: (line: string) => void
  /** Warnings (the deck check's, the gate's): every one goes through here; default: console.warn. */
  warn?: (text: string) => void
  /** Where builds are cached (default: the deck's .slidev/builds/). */
  cacheDir?: string
  /** A running Chromium to use and leave running (the tests share one per file); default: launch one, close it at the end. */
  browser?: Browser
}

export interface StageTime { stage: string, seconds: number }

export interface PipelineResult {
  deck: Deck
  /** The build used; none for a handout around a given slides PDF. */
  build?: CachedBuild
  stages: StageTime[]
  /** Files and folders written. */
  written: string[]
  /** Where each artifact goes (written or not). */
  paths: ArtifactPaths
  /** The slides PDF as written (or as stamped into the handout). */
  slidesPdf?: Uint8Array
  handout?: HandoutLayout
  video?: VideoPlan
  /** The narration (voice or recordings), when the video has one. */
  narration?: Narration
  /** The recorded talk's sound and captions, when the video is of one. */
  recording?: RenderedRecording
  /** Click steps per slide, as captured (or counted for a plan). */
  clicks?: number[]
  /** The stills captured (every click step for the video and storyboard, else each slide's last). */
  stills?: Still[]
  seconds: number
}

const seconds = (since: number) => (performance.now() - since) / 1000

/** What every stage reads: the options, resolved once, and how a stage reports its time and files. */
interface Run {
  options: PipelineOptions
  entry: string
  /** The deck's own conventions (deck.config.ts beside the entry), if it has any. */
  config: DeckConfig
  allowRemote: boolean
  want: Set<Artifact>
  log: (line: string) => void
  /** Where every warning goes (options.warn). */
  warn: (text: string) => void
  /** Runs one timed stage: `▸ name …`, then its summary and seconds. */
  stage: <T>(name: string, work: () => Promise<T>, done?: (result: T) => string) => Promise<T>
  /** Records and prints files written. */
  wrote: (files: string[]) => void
}

/** What the deck needs made, from the artifacts asked for. */
function needsOf(run: Run) {
  const { want, options } = run
  const pdf = want.has('pdf') || (want.has('handout') && !options.slidesPdf)
  const stills = (want.has('png') || want.has('pptx') || want.has('video') || want.has('storyboard')) && !options.planOnly
  return {
    pdf,
    stills,
    // The video and the storyboard show every click step; the PNGs and the PowerPoint only the last.
    everyStep: want.has('video') || want.has('storyboard'),
    // A handout around a given slides PDF needs no build: only Chromium to lay it out.
    build: pdf || stills || want.has('video'),
  }
}

/**
 * What the stages after the check need, loaded once it has passed: Playwright,
 * pdf-lib, PptxGenJS and the handout (whose data module validates the chart
 * data as it loads). A deck that fails the check stops in about a second with
 * its problems listed, not after 1.5 s of loading or at a module's import.
 */
async function loadStages() {
  const [{ launchChromium }, { finishSlidesPdf }, writers] = await Promise.all([
    import('./capture/browser.ts'),
    import('./outputs/pdf/slides-pdf.ts'),
    import('./outputs/writers.ts'),
  ])
  return { launchChromium, finishSlidesPdf, writers }
}
type Stages = Awaited<ReturnType<typeof loadStages>>

/**
 * The deck read (parsed once, with every file's lines: every later stage
 * takes this deck), its check, and what the video needs before the build
 * (ffmpeg, the audio's length, the voice).
 */
async function checkStage(run: Run) {
  const { options, entry, config, allowRemote, want, log } = run
  return run.stage('check', async () => {
    const loaded = await loadCheckedDeck(entry)
    // A deck the parser cannot read stops even with --force: there is nothing to export.
    if (!loaded.deck)
      throw new DeckCheckError([loaded.problem])
    const { deck } = loaded
    const { problems, warnings, notices } = await inspectDeck(deck, { config, allowRemote })
    if (problems.length && !options.force)
      throw new DeckCheckError(problems)
    printWarnings([...problems.map(p => `${p} (--force: writing anyway)`), ...warnings], notices, run.warn)
    let audioLength = 0
    if (want.has('video')) {
      checkTimingFrontmatter(deck)
      if (!options.planOnly) {
        findFfmpeg()
        findFfprobe()
      }
      if (options.audio)
        audioLength = await probeDuration(options.audio)
    }
    // A recorded talk: its folder, log and sound checked against the deck before anything is built.
    let recording: OpenedRecording | undefined
    if (want.has('video') && options.recording) {
      const { openRecording, startAhead } = await import('./outputs/recording/recording.ts')
      recording = await openRecording(options.recording, deck, log)
      // The video's sound and the captions' words are made while the deck builds and its stills are taken.
      if (!options.planOnly)
        recording.ahead = startAhead(recording, deck)
    }
    // Before the build: a missing voice stops here, naming the package to install.
    const narrator = want.has('video') && !recording ? await prepareNarration(deck, { ...options, lexicon: config.lexicon }, log) : undefined
    return { deck, audioLength, narrator, recording }
  }, ({ deck }) => `${deck.slides.length} slides`)
}

/** One Slidev build, or the cached one. */
function buildStage(run: Run) {
  const { options, entry } = run
  return run.stage('build', () => cachedBuild({ entry, base: options.base, cacheDir: options.cacheDir, check: false }), b => b.reused ? `reused ${b.key} (nothing it is made from changed)` : `built ${b.key}`)
}

interface Captured {
  /** The deck with each slide's title as its page draws it (withPageTitles): what every artifact names it by. */
  deck: Deck
  slidesPdf?: Uint8Array
  stills?: Still[]
  /** Click steps per slide as Chromium drew them (clicksSeen): the one count the video, the PNGs and the gate use. */
  clicks?: number[]
  /** Each still's file in the work folder (the video and the storyboard read them), by slide and click step. */
  stillFile: (no: number, clicks: number) => string
}

/** One Chromium: the slides PDF from the print route and the stills from the print route with clicks, side by side; `hooks` see every slide. */
async function captureStage(run: Run, input: { deck: Deck, served: ServedDeck | undefined, browser: Browser, hooks: CaptureHooks, work: string, finishSlidesPdf: Stages['finishSlidesPdf'] }): Promise<Captured> {
  const { options, allowRemote, want } = run
  const { served, browser, work } = input
  let { deck } = input
  // Each slide's heading as drawn, read on whichever capture page gets there first (they draw the same),
  // and its click steps, from every capture page.
  const headings = new Map<number, string>()
  const seen: number[] = []
  const hooks: CaptureHooks = {
    ...input.hooks,
    async onSlides(views) {
      clicksSeen(views, seen)
      await input.hooks.onSlides?.(views)
      if (!headings.size)
        (await slideHeadings(views)).forEach((text, no) => headings.set(no, text))
    },
  }
  const needs = needsOf(run)
  const canvas = canvasOf(deck)
  const viewport = { width: canvas.width, height: Math.round(canvas.height) }
  const colorScheme = options.dark ? 'dark' as const : 'light' as const
  const stillFiles = new Map<string, string>()
  const stillKey = (no: number, clicks: number) => `${no}-${clicks}`
  const stillFile = (no: number, clicks: number) => stillFiles.get(stillKey(no, clicks))!

  return run.stage('capture', async () => {
    // Offline whether or not the page checks run: the deck must never reach the network (unless it is allowed to).
    const offline = allowRemote ? {} : OFFLINE_CONTEXT
    const pdfContext = needs.pdf ? await browser.newContext({ viewport, colorScheme, ...offline }) : undefined
    const stillContext = needs.stills || want.has('video') ? await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', ...offline }) : undefined
    try {
      const writes: Promise<void>[] = []
      const [printed, stills] = await Promise.all([
        pdfContext ? printSlides(pdfContext, served!, canvas, { dark: options.dark, hooks }) : undefined,
        needs.stills
          ? captureStills(stillContext!, served!, canvas, {
              hooks,
              finalOnly: !needs.everyStep,
              // Stills only the video encoder reads: encoded fast; PNGs and slides that are kept: compact.
              fastPng: !want.has('png') && !want.has('pptx'),
              onStill: (still: Still) => {
                const file = join(work, `still-${String(still.no).padStart(3, '0')}-${String(still.clicks).padStart(2, '0')}.png`)
                stillFiles.set(stillKey(still.no, still.clicks), file)
                writes.push(writeFile(file, still.png))
              },
            })
          : undefined,
        want.has('video') && options.planOnly ? countClicks(stillContext!, served!, hooks, seen) : undefined,
      ])
      await Promise.all(writes)
      deck = withPageTitles(deck, headings)
      const slidesPdf = printed ? await input.finishSlidesPdf(printed, deck) : options.slidesPdf ? new Uint8Array(await readFile(options.slidesPdf)) : undefined
      const clicks = seen.length ? Array.from({ length: deck.slides.length }, (_, i) => seen[i] ?? 0) : undefined
      return { deck, slidesPdf, stills, clicks, stillFile }
    }
    finally {
      await pdfContext?.close()
      await stillContext?.close()
    }
  }, c => [c.slidesPdf && 'slides PDF', c.stills && `${c.stills.length} stills`].filter(Boolean).join(', ') || 'click steps')
}

/** The video's one timing plan: made by the narration stage from the seconds it spoke per step, or from the notes. */
async function videoStage(run: Run, input: { deck: Deck, clicks: number[], audioLength: number, narrator?: Narrator, recording?: OpenedRecording, work: string }): Promise<{ video: VideoPlan, narration?: Narration, recorded?: RenderedRecording }> {
  const { options } = run
  const { deck, audioLength, narrator, recording } = input
  if (recording) {
    const { renderRecording } = await import('./outputs/recording/recording.ts')
    const recorded = await run.stage('recording', () => renderRecording(recording, deck, input.clicks, input.work, run.log), r => `${r.video.plan.steps.length} steps, ${r.video.chapters.length} chapters, captions: ${r.captionSource}`)
    return { video: recorded.video, recorded }
  }
  const narration = narrator
    ? await run.stage('narration', () => narrator.narrate(input.clicks, options.timing, deck), n => `${n.spoken} sentences spoken, ${n.cached} from the cache`)
    : undefined
  const video = narration?.video ?? planVideo(deck, input.clicks, { timing: options.timing, audioLength })
  return { video, narration }
}

/** The gate's reporter on what its runner saw: warnings printed, and the export stopped here (or, forced, warned) before any file is written. */
function gateStage(run: Run, runner: GateRunner, deck: Deck, clicks: number[] | undefined) {
  const report = reportGate({ problems: runner.problems, slides: deck.slides, clicks, strict: run.config.strict, force: run.options.force, cwd: process.cwd() })
  run.log(`  checks: ${report.count} problem${report.count === 1 ? '' : 's'}, ${runner.seconds.toFixed(2)} s in the page checks`)
  enforceGate(report, run.warn)
}

/**
 * Every artifact asked for, each by its writer (src/outputs/writers.ts): the
 * PDF, the PNGs and the PowerPoint, then the handout and the storyboard
 * (Chromium) and the video (ffmpeg) side by side. Resolves with the handout's layout.
 */
async function writeStage(run: Run, input: { paths: ArtifactPaths, deck: Deck, captured: Captured, browser: Browser, work: string, video?: VideoPlan, narration?: Narration, recorded?: RenderedRecording, camera?: string, writers: Stages['writers'] }): Promise<HandoutLayout | undefined> {
  const { options, config, want, log } = run
  const { paths } = input
  const { deck, captured, browser, work, video, narration, recorded, writers } = input
  // Each slide in its final click state: the PNGs and the PowerPoint slides.
  const finals = captured.stills?.filter(s => s.clicks === captured.clicks![s.no - 1])
  if (want.has('pdf'))
    run.wrote(await writers.writePdf(paths.pdf, captured.slidesPdf!))
  if (want.has('png'))
    run.wrote(await writers.writePngs(paths.png, finals!, deck.slides.length))
  if (want.has('pptx'))
    run.wrote(await writers.writePptx(paths.pptx, deck, finals!))
  // The handout and the storyboard (Chromium) and the video (ffmpeg) side by side; all finish before cleanup.
  const [handout, encoded, storyboard] = await Promise.allSettled([
    want.has('handout')
      ? run.stage('handout', async () => {
          const { files, layout } = await writers.writeHandout(paths.handout, browser, deck, captured.slidesPdf!, config.handout?.(deck))
          run.wrote(files)
          return layout
        }, layout => `${layout.pages} pages`)
      : undefined,
    want.has('video')
      ? run.stage('video', async () => {
          let lastTenth = -1
          const files = await writers.writeVideo(paths, {
            deck,
            video: video!,
            stillOf: captured.stillFile,
            workDir: work,
            audio: recorded?.audio ?? narration?.audio ?? options.audio,
            copyAudio: Boolean(narration || recorded),
            ...(recorded ? { captionsText: recorded.captions ?? null, camera: input.camera } : {}),
            onProgress: (done, total) => {
              const tenth = Math.floor(done / total * 10)
              if (tenth > lastTenth) {
                lastTenth = tenth
                log(`  encoding stills ${done}/${total}`)
              }
            },
          })
          // A recorded talk without captions (no recogniser) writes no .vtt.
          run.wrote(recorded && !recorded.captions ? files.filter(f => f !== paths.captions) : files)
        }, () => `${video!.plan.steps.length} steps, ${video!.length.toFixed(1)} s of video`)
      : undefined,
    want.has('storyboard')
      ? run.stage('storyboard', async () => {
          const stills = captured.stills!.map(s => ({ no: s.no, clicks: s.clicks, file: captured.stillFile(s.no, s.clicks) }))
          run.wrote(await writers.writeStoryboard(paths.storyboard, browser, deck, stills))
          return stills.length
        }, n => `${deck.slides.length} pages, ${n} stills`)
      : undefined,
  ])
  for (const outcome of [handout, encoded, storyboard]) {
    if (outcome.status === 'rejected')
      throw outcome.reason
  }
  return handout.status === 'fulfilled' ? handout.value : undefined
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now()
  // The installed Slidev first: one that moved what the pipeline relies on stops here, named.
  assertDrivableSlidev()
  const log = options.log ?? (() => {})
  const entry = entryPath(options.entry)
  const config = await loadDeckConfig(entry)
  const stages: StageTime[] = []
  const written: string[] = []
  const run: Run = {
    options,
    entry,
    config,
    allowRemote: Boolean(options.allowRemote || config.allowRemote),
    want: new Set(options.artifacts),
    log,
    warn: options.warn ?? (text => console.warn(text)),
    async stage(name, work, done) {
      const t = performance.now()
      log(`▸ ${name} …`)
      const result = await work()
      const s = seconds(t)
      stages.push({ stage: name, seconds: s })
      log(`  ${name}: ${done ? `${done(result)}, ` : ''}${s.toFixed(1)} s`)
      return result
    },
    wrote(files) {
      for (const file of files) {
        written.push(file)
        log(`  wrote ${relative(process.cwd(), file) || file}`)
      }
    },
  }
  const { want } = run

  if (options.recording && (options.voice || options.audio))
    throw new Error('--recording makes the video of the talk as given: its sound is the recording (or --audio, aligned to it), so it takes no --voice')
  const checked = await checkStage(run)
  const { audioLength, narrator, recording } = checked
  let deck = checked.deck
  // Named by the config, else by Slidev's own `exportFilename`, else by the entry (src/support/paths.ts).
  const named = artifactsFor(entry, config.name ?? (deck.headmatter.exportFilename as string | undefined))
  const themed = options.dark ? darkOf(named) : named
  const paths = { ...(recording ? talkOf(themed) : themed), ...options.outputs }
  // The gate's runner looks at every slide the capture draws; the caller's hooks run after it.
  const runner = options.gate !== false ? new GateRunner({ pageChecks: config.pageChecks, typeScale: config.typeScale, overlays: config.overlays, allowRemote: run.allowRemote, theme: options.dark ? 'dark' : 'light', installedFonts: installedFontsOf(deck.headmatter) }) : undefined
  const hooks = runner ? runner.hooks(options.hooks) : options.hooks ?? {}
  const { launchChromium, finishSlidesPdf, writers } = await loadStages()

  const work = await mkdtemp(join(tmpdir(), 'deck-pipeline-'))
  let served: ServedDeck | undefined
  let browser: Browser | undefined
  try {
    const build = needsOf(run).build ? await buildStage(run) : undefined
    served = build && await serveDeck(build.dir, options.base)
    if (build && runner)
      runner.stylesheets = readStylesheets(build.dir)
    browser = options.browser ?? await launchChromium()
    const captured = await captureStage(run, { deck, served, browser, hooks, work, finishSlidesPdf })
    deck = captured.deck
    const { video, narration, recorded } = want.has('video') ? await videoStage(run, { deck, clicks: captured.clicks!, audioLength, narrator, recording, work }) : {}
    if (options.planOnly)
      return { deck, build, stages, written, paths, video, narration, recording: recorded, clicks: captured.clicks, seconds: seconds(started) }

    if (runner)
      gateStage(run, runner, deck, captured.clicks)
    await options.hooks?.beforeWrite?.(deck)

    const layout = await writeStage(run, { paths, deck, captured, browser, work, video, narration, recorded, camera: recording?.camera ? recording.webm : undefined, writers })
    return { deck, build, stages, written, paths, slidesPdf: captured.slidesPdf, handout: layout, video, narration, recording: recorded, clicks: captured.clicks, stills: captured.stills, seconds: seconds(started) }
  }
  finally {
    narrator?.stop()
    recording?.ahead?.stop()
    if (!options.browser)
      await browser?.close()
    await served?.close()
    await rm(work, { recursive: true, force: true })
  }
}

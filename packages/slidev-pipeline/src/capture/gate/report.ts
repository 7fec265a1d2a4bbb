import type { Slide } from '../../support/deck.ts'
import type { Problem } from './runner.ts'
/**
 * The export gate's reporter: the runner's Problem records (./runner.ts) in,
 * lines a speaker can act on out: `file:line: slide N "title", click S: what
 * is wrong`, at the line of the deck's source that names what is wrong. It
 * alone decides what stops an export and what only warns (advisory checks,
 * `strict`, `--force`), and `enforceGate` alone prints. `reportGate` is pure:
 * the slides come in as the deck was loaded, each with its file's lines.
 */
import { relative } from 'node:path'
import { clickMarkCount } from '../../support/deck.ts'

/** What the reporter reads of a slide (the deck's Slide, as loaded): where it is written, its file's lines, its title and notes. */
export type SlideSource = Pick<Slide, 'no' | 'title' | 'notes' | 'filepath' | 'start' | 'contentStart' | 'end' | 'lines'>

/**
 * Page checks that warn instead of stopping, unless the deck names them in
 * `strict` (deck.config.ts): contrast and fonts judge the theme's colours and
 * web fonts as much as the deck, and Slidev's own remote defaults (web fonts,
 * favicon) are in no line of the deck; what a deck's index.html adds to the
 * page outside the slides is left out of the PDF, and said.
 */
export const ADVISORY_CHECKS = ['contrast', 'font', 'stroke', 'slidev default', 'outside slides']

/**
 * Page checks that say nothing unless the deck names them in `strict`: a
 * shape with no text or image in it that runs off the slide (`bleed`) is a
 * decoration bleeding on purpose (issue 33); a deck that wants every bleed
 * marked (`data-bleed`) makes it strict, and then it stops.
 */
export const QUIET_CHECKS = ['bleed']

export interface GateReportInput {
  problems: readonly Problem[]
  slides: readonly SlideSource[]
  /** Click steps per slide as the capture drew them (`clicks[no - 1]`), for the [click]-mark warnings. */
  clicks?: readonly number[]
  /** Checks that stop the export even though advisory by default. */
  strict?: readonly string[]
  /** Write anyway: the stopping problems are printed as warnings. */
  force?: boolean
  /** File names are relative to it. */
  cwd: string
}

export interface GateReport {
  /** Lines that stop the export, one per cause (with `force`, printed as warnings and the files written). */
  stopping: string[]
  /** Lines that only warn, one per cause: advisory checks, [click] marks that do not match the click steps. */
  warnings: string[]
  force: boolean
  /** Problems found, each once. */
  count: number
}

/** The gate's verdict on what the runner found. */
export function reportGate(input: GateReportInput): GateReport {
  const advisory = new Set(ADVISORY_CHECKS.filter(c => !input.strict?.includes(c)))
  const quiet = new Set(QUIET_CHECKS.filter(c => !input.strict?.includes(c)))
  const placed = placeProblems(input.problems.filter(p => !quiet.has(p.check)), input.slides)
  const lines = (problems: Problem[]) => groupedLines(problems, input.slides, input.cwd)
  return {
    stopping: lines(placed.filter(p => !advisory.has(p.check))),
    warnings: [...clickWarnings(input.slides, input.clicks ?? [], input.cwd), ...lines(placed.filter(p => advisory.has(p.check)))],
    force: Boolean(input.force),
    count: placed.length,
  }
}

/** Every problem once, at the slide to fix, as `file:line: slide N "title", click S: what is wrong`. */
export function problemLines(problems: readonly Problem[], slides: readonly SlideSource[], cwd: string): string[] {
  return placeProblems(problems, slides).map(p => problemLine(p, slides, cwd))
}

/**
 * Each problem at the slide to fix, once:
 * - a file fetched while one slide shows may belong to another (CSS a slide
 *   brings, a preloaded next slide): the slide whose source names the URL is the one to fix;
 * - the same problem at several click steps (or on both capture pages) says
 *   nothing new: it is named at the first step it shows.
 */
function placeProblems(problems: readonly Problem[], slides: readonly SlideSource[]): Problem[] {
  const out: Problem[] = []
  for (const problem of problems) {
    let { slide, step } = problem
    const named = slideMentioning(slides, problem.message, slide)
    if (named && named.no !== slide)
      [slide, step] = [named.no, undefined]
    const known = out.find(p => p.slide === slide && p.check === problem.check && p.message === problem.message && p.theme === problem.theme)
    if (!known)
      out.push({ ...problem, slide, step })
    else if (step !== undefined && known.step !== undefined && step < known.step)
      known.step = step
  }
  return out
}

/**
 * What a problem says with the instance taken out: the text sample after an
 * element or a run (`<li> "…" extends past …`, `text "…" has contrast …`,
 * `…: "…" is drawn in a fallback font`), a box's sizes and a table row's
 * number. Problems with the same check, theme and cause are one cause: one
 * CSS rule, one theme colour, one missing file.
 */
export function causeOf(message: string): string {
  return message
    .replace(/(<[\w.-]+>|\btext|:) "[^"]*"/g, '$1 "…"')
    .replace(/\(\d+×\d+ in \d+×\d+\)/g, '(…)')
    .replace(/\btable row \d+\b/g, 'table row …')
}

/** How many slides and further places a grouped line lists before "and N more". */
const LISTED_SLIDES = 8
const LISTED_PLACES = 3

/**
 * One line per cause: the first place it occurs (earliest slide, then click
 * step) as `problemLine` writes it; when it occurs more than once, the count,
 * the slides and the next few places after it:
 * `slides.md:28: slide 3 "Code", click 0: text "greet" has contrast … [12 times, on slides 3, 4 and 7; also slides.md:29, slides.md:41, pages/b.md:3, …]`.
 */
export function groupedLines(problems: readonly Problem[], slides: readonly SlideSource[], cwd: string): string[] {
  const groups = new Map<string, Problem[]>()
  for (const p of problems) {
    const key = `${p.check}\0${p.theme ?? ''}\0${causeOf(p.message)}`
    groups.set(key, [...(groups.get(key) ?? []), p])
  }
  const order = (a: Problem, b: Problem) => (a.slide ?? Infinity) - (b.slide ?? Infinity) || (a.step ?? 0) - (b.step ?? 0)
  // In the order of their first places (those of no one slide last), then by what they say: the same lines in
  // the same order on every run, whichever capture page saw a problem first.
  const sorted = Array.from(groups.values(), g => [...g].sort(order))
    .sort((a, b) => order(a[0]!, b[0]!) || a[0]!.check.localeCompare(b[0]!.check) || a[0]!.message.localeCompare(b[0]!.message))
  return sorted.map((places) => {
    const first = problemLine(places[0]!, slides, cwd)
    if (places.length === 1)
      return first
    const numbers = [...new Set(places.flatMap(p => p.slide === undefined ? [] : [p.slide]))]
    const listed = numbers.slice(0, LISTED_SLIDES)
    const more = numbers.length - listed.length
    const onSlides = !numbers.length
      ? ''
      : `, on slide${numbers.length > 1 ? 's' : ''} ${more ? `${listed.join(', ')} and ${more} more` : listed.length > 1 ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}` : listed[0]}`
    const at = [...new Set(places.slice(1).flatMap((p) => {
      const slide = slides.find(s => s.no === p.slide)
      return slide ? [`${fileOf(slide, cwd)}:${lineOf(slide, p)}`] : []
    }))]
    const also = at.length ? `; also ${at.slice(0, LISTED_PLACES).join(', ')}${at.length > LISTED_PLACES ? ', …' : ''}` : ''
    return `${first} [${places.length} times${onSlides}${also}]`
  })
}

function fileOf(slide: SlideSource, cwd: string) {
  return relative(cwd, slide.filepath) || slide.filepath
}

/** The light theme is what a deck is exported in by default: only the dark one is named. */
function problemLine(p: Problem, slides: readonly SlideSource[], cwd: string): string {
  const slide = slides.find(s => s.no === p.slide)
  if (!slide)
    return `${p.check}: ${p.message}`
  const step = p.step === undefined ? '' : `, click ${p.step}`
  const theme = p.theme === 'dark' ? ', dark theme' : ''
  return `${fileOf(slide, cwd)}:${lineOf(slide, p)}: slide ${slide.no}${slide.title ? ` "${slide.title}"` : ''}${step}${theme}: ${p.message}`
}

/**
 * One warning per slide whose notes hold more or fewer `[click]` marks than it
 * has click steps: the presenter view highlights, and the video captions
 * follow, the marks. Slides without notes are the deck check's to warn about.
 */
function clickWarnings(slides: readonly SlideSource[], clicks: readonly number[], cwd: string): string[] {
  return slides.flatMap((slide) => {
    const steps = clicks[slide.no - 1]
    const marks = clickMarkCount(slide.notes)
    if (steps === undefined || !slide.notes.trim() || marks === steps)
      return []
    const notesAt = slide.lines.slice(0, Math.min(slide.end, slide.lines.length)).findLastIndex((l, i) => i >= slide.start && l.includes('<!--'))
    return [`${fileOf(slide, cwd)}:${(notesAt < 0 ? slide.start : notesAt) + 1}: slide ${slide.no}${slide.title ? ` "${slide.title}"` : ''}: its notes have ${marks} [click] mark${marks === 1 ? '' : 's'} but the slide has ${steps} click step${steps === 1 ? '' : 's'}`]
  })
}

/** What a problem names that the source may contain: a tag, a URL or path, quoted text (whole, then its first words). */
function needles(message: string): string[] {
  const needles: string[] = []
  for (const m of message.matchAll(/<([\w-]+)(?:[\s/][^>]*)?>/g))
    needles.push(`<${m[1]}`)
  // `<table.security-matrix>`: the component a class is named after (<SecurityMatrix />).
  for (const m of message.matchAll(/<[\w-]+((?:\.[\w-]+)+)>/g)) {
    for (const cls of m[1]!.split('.').filter(Boolean))
      needles.push(`<${cls.replace(/(?:^|-)(\w)/g, (_, c: string) => c.toUpperCase())}`)
  }
  for (const m of message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g)) {
    // The browser adds a slash to a bare host (https://cover.sli.dev/); the deck may not have written it.
    needles.push(m[0], m[0].replace(/(?<=\/\/[^/]+)\/$/, ''))
    needles.push(m[0].split('/').pop()!)
  }
  for (const m of message.matchAll(/"([^"]{3,})"/g)) {
    const words = m[1]!.split(/\s+/)
    for (let n = words.length; n >= Math.min(3, words.length); n--)
      needles.push(words.slice(0, n).join(' '))
  }
  return needles.filter(n => n.length >= 3)
}

/** 1-based line in the slide's file (frontmatter included) of the first thing the problem names (its element first); else where its content starts. */
function lineOf(slide: SlideSource, problem: Problem): number {
  const { lines } = slide
  const last = Math.min(slide.end, lines.length)
  for (const needle of [...(problem.element ? needles(problem.element) : []), ...needles(problem.message)]) {
    for (let i = slide.start; i < last; i++) {
      if (lines[i]!.toLowerCase().includes(needle.toLowerCase()))
        return i + 1
    }
  }
  for (let i = slide.contentStart; i < last; i++) {
    if (lines[i]!.trim())
      return i + 1
  }
  return slide.start + 1
}

/** The slide whose source names a URL the problem names (a request seen while another slide, or every slide, showed). */
function slideMentioning(slides: readonly SlideSource[], message: string, showing?: number): SlideSource | undefined {
  // A path the browser asked for from the site's root (`/images/a.png`) may be written relative in the slide (`images/a.png`).
  const urls = Array.from(message.matchAll(/(?:https?:\/\/|\/)[^\s:"'()]+/g), m => m[0].replace(/(?<=\/\/[^/]+)\/$/, ''))
    .flatMap(u => u.startsWith('/') && u.indexOf('/', 1) > 0 ? [u, u.slice(1)] : [u])
    .filter(u => u.length > 4)
  if (!urls.length)
    return undefined
  const mentions = (s: SlideSource) => s.lines.slice(s.start, s.end).some(l => urls.some(u => l.includes(u)))
  // The slide showing when it names the URL too (two slides with the same background): else the first that does.
  const current = slides.find(s => s.no === showing)
  return current && mentions(current) ? current : slides.find(mentions)
}

export class ExportCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The export stopped before writing anything: ${problems.length} problem${problems.length > 1 ? 's' : ''} on the rendered slides:\n${
      problems.map(p => `  - ${p}`).join('\n')}\nFix them, or run again with --force to write the file anyway.`)
    this.name = 'ExportCheckError'
  }
}

/** Prints the report's warnings, then throws an ExportCheckError listing what stops; forced, prints those as warnings instead. */
export function enforceGate(report: GateReport, warn: (text: string) => void = console.warn) {
  const { stopping, warnings } = report
  if (warnings.length)
    warn(`Warning${warnings.length > 1 ? 's' : ''}:\n${warnings.map(w => `  - ${w}`).join('\n')}`)
  if (!stopping.length)
    return
  if (!report.force)
    throw new ExportCheckError(stopping)
  warn(`Warning: writing anyway (--force) despite ${stopping.length} problem${stopping.length > 1 ? 's' : ''} on the rendered slides:\n${stopping.map(l => `  - ${l}`).join('\n')}`)
}

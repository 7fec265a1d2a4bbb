import type { Deck } from '../../support/deck.ts'
import type { TimingPlan } from '../video/timing.ts'
import type { RecordingLog } from './log.ts'
/**
 * The rehearsal report: per slide, the time it was on screen in the recording
 * against the time the notes plan for it (the plan `video --plan` prints:
 * the notes at 150 words a minute, or the slide's `duration`/`durations`),
 * and where the talk ran long. Pure: a plan and a log in, text out.
 *
 * A slide shown twice counts both times. Time paused (a Q&A break) is not in
 * the recording's clock, so it is in no slide.
 */
import { talkLength } from '../../support/deck.ts'
import { clock } from '../video/timing.ts'

/** A slide runs long when it is over its plan by both this share and this many seconds. */
export const LONG = { share: 0.25, seconds: 10 }

export interface SlideRehearsal { no: number, title: string, spent: number, planned: number, shown: boolean }

export interface Rehearsal {
  slides: SlideRehearsal[]
  spent: number
  planned: number
  slot?: number
  long: SlideRehearsal[]
  pauses: number
}

export function rehearsal(deck: Deck, plan: TimingPlan, recorded: TimingPlan, log: RecordingLog): Rehearsal {
  const slides = plan.slides.map(s => ({ no: s.no, title: s.title || `Slide ${s.no}`, planned: s.duration, spent: 0, shown: false }))
  for (const visit of recorded.slides) {
    const slide = slides[visit.no - 1]!
    slide.spent += visit.duration
    slide.shown = true
  }
  const long = slides.filter(s => s.spent - s.planned >= LONG.seconds && s.spent >= s.planned * (1 + LONG.share))
  return {
    slides,
    spent: recorded.total,
    planned: plan.total,
    slot: talkLength(deck.headmatter),
    long,
    pauses: log.entries.filter(e => e.type === 'pause').length,
  }
}

const signed = (seconds: number) => `${seconds < 0 ? '−' : '+'}${clock(Math.abs(seconds))}`

/** The report as text: a table, then what ran long and by how much the talk was behind its plan there. */
export function rehearsalText(report: Rehearsal, title: string, startedAt?: string): string {
  const lines = [
    `Rehearsal of "${title}"${startedAt ? `, recorded ${startedAt}` : ''}`,
    `Spoken ${clock(report.spent)} against a plan of ${clock(report.planned)} from the notes${report.slot ? `; the slot is ${clock(report.slot)}${report.spent > report.slot ? `: ${clock(report.spent - report.slot)} over` : ''}` : ''}${report.pauses ? ` (${report.pauses} pause${report.pauses === 1 ? '' : 's'} not counted)` : ''}`,
    '',
    ' slide    spent     plan      diff   behind plan   title',
  ]
  let behind = 0
  for (const s of report.slides) {
    behind += s.spent - s.planned
    const flag = report.long.includes(s) ? '   ← ran long' : s.shown ? '' : '   (not shown)'
    lines.push(`${String(s.no).padStart(6)}  ${clock(s.spent).padStart(7)}  ${clock(s.planned).padStart(7)}  ${signed(s.spent - s.planned).padStart(8)}  ${signed(behind).padStart(12)}   ${s.title}${flag}`)
  }
  lines.push('')
  if (report.long.length) {
    lines.push(`Ran long (over the plan by ${Math.round(LONG.share * 100)} % and ${LONG.seconds} s): ${report.long.map(s => `slide ${s.no} "${s.title}" ${signed(s.spent - s.planned)}`).join('; ')}`)
    const worst = [...report.long].sort((a, b) => (b.spent - b.planned) - (a.spent - a.planned))[0]!
    lines.push(`Cut first: slide ${worst.no} "${worst.title}", ${clock(worst.spent)} spoken for ${clock(worst.planned)} planned.`)
  }
  else {
    lines.push('No slide ran long.')
  }
  return `${lines.join('\n')}\n`
}

/**
 * How fresh the facts are: the days the sources were confirmed (shown on the
 * references) and the sources a speaker should re-read before a talk date.
 */
import type { Source } from './schema'

/** Sources older than this before the talk are listed by `npm run check`. */
export const STALE_AFTER_DAYS = 180

const DAY_MS = 24 * 60 * 60 * 1000
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`)

/**
 * When the facts were confirmed, as the references say it: the one day, or the
 * oldest and the newest `checked` day (each source was re-read on or after the
 * first: "as of" the newest alone would claim more than was done).
 */
export function factsChecked(sources: Record<string, Pick<Source, 'checked'>>): string {
  const days = Object.values(sources).map(s => s.checked).sort()
  if (!days.length)
    throw new Error('factsChecked: no sources')
  const [oldest, newest] = [days[0]!, days.at(-1)!]
  return oldest === newest ? `Facts checked on ${longDay(newest)}.` : `Facts checked between ${longDay(oldest)} and ${longDay(newest)}.`
}

/** Sources whose `checked` day is more than `days` before `talkDate`, oldest first. */
export function staleSources(
  sources: Record<string, Pick<Source, 'checked'>>,
  talkDate: string,
  days = STALE_AFTER_DAYS,
): { key: string, checked: string, daysBefore: number }[] {
  const talk = dayOf(talkDate)
  if (Number.isNaN(talk))
    throw new Error(`talkDate "${talkDate}" is not a date (YYYY-MM-DD)`)
  return Object.entries(sources)
    .map(([key, s]) => ({ key, checked: s.checked, daysBefore: Math.round((talk - dayOf(s.checked)) / DAY_MS) }))
    .filter(s => s.daysBefore > days)
    .sort((a, b) => a.checked.localeCompare(b.checked))
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
/** 2026-11-27 → 27 November 2026 (the deck's date style). */
export function longDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${MONTHS[m! - 1]} ${y}`
}

/** A headmatter date as people read it: 2026-12-10 → 10 December 2026; anything else as written. */
export function longDate(value: unknown): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '')
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? longDay(text) : text
}

/**
 * What narrating the whole talk costs: the narration of the real deck (voice,
 * loudness, track) made twice, into an empty cache and then again from it.
 * Click steps come from the notes' [click] marks (one per step, checked
 * against the built deck by the content tests), so no browser is needed.
 * CPU seconds include every child (Festival, ffmpeg): on a shared machine
 * they, not the wall time, say what the narration costs.
 *
 *   npx tsx scripts/lib/narration/bench.ts
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { narrate } from '.'
import { cpuSeconds } from '../bench'
import { clickMarkCount, loadDeck } from '../deck'
import { planTiming } from '../video/timing'
import { readLexicon } from './lexicon'
import { findVoice } from './voice'

const deck = await loadDeck()
const plan = planTiming(deck, deck.slides.map(s => clickMarkCount(s.notes)))
const voice = await findVoice()
const lexicon = readLexicon()
const cacheDir = await mkdtemp(join(tmpdir(), 'narration-bench-'))
try {
  for (const run of ['uncached', 'cached']) {
    const started = performance.now()
    const cpu = cpuSeconds()
    const load = loadavg()[0]!
    const narration = await narrate({ plan, voice, lexicon, recordings: [], cacheDir, log: line => console.log(line) })
    console.log(`${run}: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${(cpuSeconds() - cpu).toFixed(1)} s CPU (with Festival and ffmpeg), load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; ${narration.spoken} sentences spoken, ${narration.cached} cached, ${narration.plan.total.toFixed(0)} s of video (${plan.total.toFixed(0)} s from the notes alone)`)
  }
}
finally {
  await rm(cacheDir, { recursive: true, force: true })
}

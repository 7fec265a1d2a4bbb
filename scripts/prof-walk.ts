import { launchChromium } from './lib/browser'
import { cachedBuild, serveDeck } from './lib/build'
import { loadDeck } from './lib/deck'
import { clickStepsOf, settle, showSlide } from './lib/page'
import { computedContrastOf, renderedContrastOf, strokeOverFillOf } from './lib/checks/contrast'
import { overflowOf } from './lib/checks/overflow'
import { typeScaleOf } from './lib/checks/typeScale'
import { balanceOf } from './lib/checks/balance'
import { qrCodesOf } from './lib/checks/qr'
import { unknownElementsOf } from './lib/checks/unknownElements'
import { brokenImagesOf } from './lib/checks/images'
import { unloadedFontsOf } from './lib/checks/fonts'
import { accessibilityOf, guardedContext, emptyProblems } from '../test/helpers/quality'
import { cpuSeconds } from './lib/bench'
const t: Record<string, number> = {}
async function T<R>(k: string, f: () => Promise<R>): Promise<R> { const s = performance.now(); try { return await f() } finally { t[k] = (t[k] ?? 0) + performance.now() - s } }
const deck = await loadDeck()
const build = await cachedBuild({ base: '/azure-linux-explained/' })
const served = await serveDeck(build.dir, '/azure-linux-explained/')
const browser = await launchChromium()
const problems = emptyProblems()
const { context, at } = await guardedContext(browser, problems, { dark: process.argv[2] === 'dark' })
const page = await context.newPage()
const c0 = cpuSeconds(); const w0 = performance.now()
for (let no = 1; no <= deck.slides.length; no++) {
  at(String(no))
  await T('showSlide', () => showSlide(page, served, no))
  const total = await T('clickSteps', () => clickStepsOf(page, no))
  const contrastAt = async (last: boolean) => {
    await T(last ? 'rendered(all)' : 'rendered(undecided)', () => renderedContrastOf(page, no, '', { undecidedOnly: !last }))
    if (!last) await T('computed', () => computedContrastOf(page, no, ''))
  }
  await T('overflow', () => overflowOf(page, no))
  await contrastAt(total === 0)
  for (let step = 1; step <= total; step++) {
    await T('press+settle', async () => { await page.keyboard.press('ArrowRight'); await settle(page) })
    await T('clickSteps', () => clickStepsOf(page, no))
    await T('overflow', () => overflowOf(page, no))
    await contrastAt(step === total)
  }
  await T('rendering', async () => [...await unknownElementsOf(page, no), ...await brokenImagesOf(page, no), ...await unloadedFontsOf(page, no)])
  await T('axe', () => accessibilityOf(page, no, 'x'))
  await T('stroke', () => strokeOverFillOf(page, no, 'x'))
  await T('typeScale', () => typeScaleOf(page, no))
  await T('balance', () => balanceOf(page, no))
  await T('qr', () => qrCodesOf(page, no))
}
console.log(`walk ${((performance.now() - w0) / 1000).toFixed(1)} s wall, ${(cpuSeconds() - c0).toFixed(1)} s CPU (node + children)`)
for (const [k, v] of Object.entries(t).sort((a, b) => b[1] - a[1])) console.log(k.padEnd(22), (v / 1000).toFixed(1), 's')
console.log(JSON.stringify(problems).slice(0, 400))
await browser.close(); await served.close()

import { chromium, type Browser, type Page } from 'playwright-core'
import { counterId, updateSetting } from '../../test/e2e/db'
import { percentile, round, type Figure, type FigureResult } from '../harness'
import { startWebHost } from '../web-host-process'
import { armTap, driveFlows, screenOf, type Step } from './chromium-page'

/** Thursday 09:00 in Vietnam: inside working hours, whatever the machine's date. */
const CLOCK_START = Date.parse('2026-11-26T09:00:00+07:00')
const TAP_FLOWS = Number(process.env.BENCH_TAP_FLOWS ?? 200)
const HEAP_FLOWS = Number(process.env.BENCH_HEAP_FLOWS ?? 2000)
const TAP_GOAL_MS = 50
const HEAP_GOAL_MIB = 5

/** The flags of playwright.config.ts: Debian's Chromium, never a downloaded one. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
}

/**
 * One complete rating without a ticket at counter 1 (IT allows it, with no pause between two), tap by tap: the
 * button tapped, and the name of what the next screen shows first.
 */
const FLOW: Step[] = [
  { tap: 'Đánh giá cán bộ', next: 'Đánh giá quầy 1' },
  { tap: 'Đánh giá quầy 1', next: 'Hài lòng' },
  { tap: 'Hài lòng', next: 'Cảm ơn quý khách!' },
  { tap: 'Về trang chủ', next: 'Đánh giá cán bộ' },
]

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)

/** Taps the step's button (a real touch through CDP) and answers the in-page time to the painted frame. */
async function tapToFrame(page: Page, step: Step): Promise<number> {
  await page.evaluate(armTap, step.next)
  await page.getByRole('button', { name: startsWith(step.tap) }).tap()
  return page.evaluate<number>('window.__tapDone')
}

async function baseline(browser: Browser, taps: number): Promise<number[]> {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    // An empty page whose one button changes its own text: the browser's own tap → frame cost, no app at all.
    await page.setContent('<button id="b" onclick="this.textContent = String(Date.now())">Chạm</button>')
    const ms: number[] = []
    for (let i = 0; i < taps; i++) {
      await page.evaluate(armTap, null)
      await page.locator('#b').tap()
      ms.push(await page.evaluate<number>('window.__tapDone'))
    }
    return ms
  } finally {
    await context.close()
  }
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize
  } finally {
    await cdp.detach()
  }
}

/**
 * Chromium figures on the built renderer served by the built web host: tap → next screen painted over rating
 * flows, and the page's JS heap after thousands of complete flows.
 */
export const chromiumFigures: Figure = {
  id: 'chromium',
  async run(ctx) {
    const host = await startWebHost(ctx.scratch('chromium'), CLOCK_START)
    const browser = await chromium.launch(LAUNCH)
    try {
      updateSetting(host.dbFile, 'ratingForm', (f) => ({
        ...f,
        anonymousCounterIds: [counterId(host.dbFile, 1)],
        anonymousIntervalSeconds: 0,
      }))
      const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })
      const page = await context.newPage()
      await page.goto(host.url)
      await page.getByRole('button', { name: startsWith(FLOW[0]?.tap ?? '') }).waitFor()
      // Warm-up: the first flow fetches the lazy chunks and fills the caches; it is not what the figure is about.
      for (const step of FLOW) await tapToFrame(page, step)
      const samples: Record<string, number[]> = Object.fromEntries(FLOW.map((s) => [s.tap, []]))
      for (let i = 0; i < TAP_FLOWS; i++) {
        for (const step of FLOW) samples[step.tap]?.push(await tapToFrame(page, step))
      }
      const all = Object.values(samples).flat()
      const base = await baseline(browser, 200)
      const p95 = percentile(all, 95)
      const baseP95 = percentile(base, 95)
      ctx.log(`tap → frame p95 ${round(p95, 1)} ms (empty page ${round(baseP95, 1)} ms)`)

      const start = await heapUsed(page)
      const t = performance.now()
      const done = await page.evaluate(driveFlows, { flow: FLOW, count: HEAP_FLOWS })
      const flowsMs = performance.now() - t
      const end = await heapUsed(page)
      const growthMiB = (end - start) / 2 ** 20
      ctx.log(`heap after ${done} flows: ${round(growthMiB, 2)} MiB growth`)
      const screen = await page.evaluate(screenOf)
      await context.close()
      const results: FigureResult[] = [
        {
          id: 'tap-to-frame-p95',
          title: `tap → next screen painted, p95 over ${TAP_FLOWS} rating flows (${all.length} taps, built renderer in Chromium)`,
          unit: 'ms',
          value: round(p95, 1),
          baseline: { what: 'tap → frame on an empty page, p95 over 200 taps', value: round(baseP95, 1) },
          ratio: baseP95 > 0 ? round(p95 / baseP95, 2) : null,
          ratioMeaning: 'p95 / empty-page p95',
          goal: `≤ ${TAP_GOAL_MS} ms`,
          met: p95 <= TAP_GOAL_MS,
          raw: {
            perTap: Object.fromEntries(
              Object.entries(samples).map(([tap, ms]) => [tap, { p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), max: round(Math.max(...ms), 1) }]),
            ),
            baseline: { p50: round(percentile(base, 50), 1), p95: round(baseP95, 1) },
          },
          notes: 'in-page: the pointerdown event’s timeStamp → the requestAnimationFrame after the next screen’s element is in the DOM',
        },
        {
          id: 'renderer-heap-growth',
          title: `renderer JS heap growth over ${done} complete rating flows (after GC)`,
          unit: 'MiB',
          value: round(growthMiB, 2),
          baseline: { what: 'JS heap used at the start of the run, after GC (MiB)', value: round(start / 2 ** 20, 2) },
          ratio: round(end / start, 3),
          ratioMeaning: 'heap at the end / heap at the start',
          goal: `≤ ${HEAP_GOAL_MIB} MiB`,
          met: growthMiB <= HEAP_GOAL_MIB,
          raw: { startBytes: start, endBytes: end, flows: done, flowsSeconds: round(flowsMs / 1000, 1), endedOn: screen },
          notes: 'HeapProfiler.collectGarbage (twice) then Runtime.getHeapUsage over CDP; flows driven in-page by clicks',
        },
      ]
      return results
    } finally {
      await browser.close()
      await host.stop()
    }
  },
}

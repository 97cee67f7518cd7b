import type { Page } from '@playwright/test'

/**
 * Idle waits (a screen going home after N s without a touch) on a loaded machine: the page's clock (installed with
 * `page.clock.install`) runs in real time until it is paused, and between a tap and the test's next step seconds
 * can pass. So the page notes when each touch lands, on its own clock, and the test moves time from that instant.
 */
const paused = new WeakSet<Page>()

/** From now on the page records its last touch. Call before the tap that starts the wait. */
export async function noteTouches(page: Page): Promise<void> {
  await page.evaluate(() => {
    addEventListener('pointerdown', () => document.body.setAttribute('data-last-touch', String(Date.now())), { capture: true })
  })
}

/** Stops the page's clock (installed before) about now: nothing timed on the page moves until the test says. */
export async function pauseClock(page: Page): Promise<void> {
  // A pause must land in the page's future: 1 s ahead, asked again if even that went by.
  for (let tries = 0; !paused.has(page); tries++) {
    const at = await page.evaluate(() => Date.now() + 1000)
    await page.clock.pauseAt(at).then(
      () => paused.add(page),
      (error: unknown) => {
        if (tries >= 4 || !String(error).includes('to the past')) throw error
      },
    )
  }
}

/** Pauses the page's clock (first call) and moves it to `ms` after the last noted touch. */
export async function runSinceLastTouch(page: Page, ms: number): Promise<void> {
  await pauseClock(page)
  const touchedAt = Number(await page.locator('body').getAttribute('data-last-touch'))
  if (!(touchedAt > 0)) throw new Error('no touch noted: call noteTouches before the tap')
  const now = await page.evaluate(() => Date.now())
  const target = touchedAt + ms
  if (target < now) throw new Error(`the page was already ${now - touchedAt} ms past the touch when paused`)
  await page.clock.runFor(target - now)
}

/** Lets the page's clock run in real time again. */
export async function resumeClock(page: Page): Promise<void> {
  paused.delete(page)
  await page.clock.resume()
}

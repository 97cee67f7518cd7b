import type { BrowserContext, Page } from '@playwright/test'
import { counterId, query, updateSetting } from './db'
import { expect, test, type KioskHost } from './fixtures'
import { loginAtCounter, officerWithPin } from './staff-helpers'

/**
 * Counter mode's rating lifecycle on screen: the citizen screen at counter 1 shows the rating of the ticket just
 * completed until the citizen answers or cancels, the window ends, or the officer calls another ticket — and the
 * officer's counter-control window, opened while the kiosk is in counter mode, never turns into a rating.
 */

const OFFICER = 'Nguyễn Thị Hương' // at counter 1, which serves field A
const PIN = '135790'
const HOME_HINT = 'Sau khi được phục vụ, quý khách vui lòng đánh giá cán bộ trên màn hình này.'

interface Counter {
  citizen: Page
  staff: Page
  /** Calls this page made to core's rating calls: a staff window must make none. */
  staffRatingCalls: string[]
  press(button: RegExp): Promise<void>
}

async function atCounter(page: Page, context: BrowserContext, kiosk: KioskHost, numbers: number): Promise<Counter> {
  const counter = counterId(kiosk.dbFile, 1)
  updateSetting(kiosk.dbFile, 'kiosk', (k) => ({ ...k, mode: 'counter', counterId: counter }))
  await page.goto(kiosk.url)
  await expect(page.getByText(HOME_HINT)).toBeVisible()
  await officerWithPin(page, OFFICER, PIN)
  await page.evaluate(async (count) => {
    const overview = await window.api.centre.overview({})
    const field = overview.ok ? overview.value.fields.find((f) => f.prefix === 'A') : undefined
    if (!field) throw new Error('no field A')
    for (let i = 0; i < count; i++) await window.api.queue.take({ fieldId: field.id, priorityGroup: null })
  }, numbers)
  // The officer's window is opened while the kiosk is already in counter mode (the case that lost its controls).
  const staff = await context.newPage()
  const staffRatingCalls: string[] = []
  staff.on('request', (request) => {
    if (/\/api\/call\/rating/.test(request.url())) staffRatingCalls.push(request.url())
  })
  await staff.goto(`${kiosk.url}#/counter/${counter}`)
  await loginAtCounter(staff, OFFICER, PIN)
  return {
    citizen: page,
    staff,
    staffRatingCalls,
    press: (button) => staff.getByRole('button', { name: button }).tap(),
  }
}

function offerStates(kiosk: KioskHost): string[] {
  return query<{ state: string }>(kiosk.dbFile, 'SELECT state FROM rating_offers').map((r) => r.state)
}

async function expectRatingOf(page: Page, code: string): Promise<void> {
  await expect(page.locator('#rating-question')).toBeVisible()
  await expect(page.getByText(`Số thứ tự ${code}`)).toBeVisible()
}

/** Reloads the citizen screen, which asks core for the counter's open rating: core must answer "none". */
async function expectNoneAfterReload(page: Page): Promise<void> {
  const asked = page.waitForResponse((r) => r.url().includes('/api/call/rating%3Aopen'))
  await page.reload()
  expect(await (await asked).json()).toEqual({ ok: true, value: null })
  await expect(page.getByText(HOME_HINT)).toBeVisible()
  await expect(page.locator('#rating-question')).toHaveCount(0)
}

test('"Hủy" closes the rating for good, and the staff window keeps its controls after "Hoàn thành"', async ({
  page,
  context,
  kiosk,
}) => {
  const c = await atCounter(page, context, kiosk, 1)
  await c.press(/Gọi số tiếp theo/)
  await expect(c.staff.getByTestId('counter-current')).toHaveText('A0001')
  await c.press(/Hoàn thành/)
  await expectRatingOf(c.citizen, 'A0001')
  await expect(c.staff.getByTestId('counter-completed')).toContainText('Đã hoàn thành số A0001.')

  await c.citizen.getByRole('button', { name: 'Hủy' }).tap()
  await expect(c.citizen.getByText(HOME_HINT)).toBeVisible()
  // Core heard the cancel (it used to come back within a second, asked again on the way home).
  await expect.poll(() => offerStates(kiosk)).toEqual(['dismissed'])
  await expect(c.citizen.locator('#rating-question')).toHaveCount(0)
  await expectNoneAfterReload(c.citizen)
  expect(await c.citizen.evaluate(() => window.api.rating.lookup({ query: 'A0001' }))).toMatchObject({ ok: true })
  expect(query(kiosk.dbFile, 'SELECT count(*) AS n FROM ratings')).toEqual([{ n: 0 }])

  // Many seconds and pushes later, the officer's window is still the counter control, logged in, never a rating.
  await expect(c.staff.getByText(`Đang đăng nhập: ${OFFICER}`)).toBeVisible()
  await expect(c.staff.getByTestId('counter-current')).toBeVisible()
  await expect(c.staff.locator('#rating-question')).toHaveCount(0)
  expect(c.staffRatingCalls).toEqual([])
})

test('calling the next number closes the open rating at once; the next completion opens its own', async ({
  page,
  context,
  kiosk,
}) => {
  const c = await atCounter(page, context, kiosk, 2)
  await c.press(/Gọi số tiếp theo/)
  await c.press(/Hoàn thành/)
  await expectRatingOf(c.citizen, 'A0001')

  await c.press(/Gọi số tiếp theo/)
  await expect(c.staff.getByTestId('counter-current')).toHaveText('A0002')
  // Pushed: the next citizen at the counter never gets the previous citizen's rating.
  await expect(c.citizen.getByText(HOME_HINT)).toBeVisible()
  await expect(c.citizen.locator('#rating-question')).toHaveCount(0)
  expect(offerStates(kiosk)).toEqual(['superseded'])
  await expectNoneAfterReload(c.citizen)

  await c.press(/Bắt đầu phục vụ/)
  await c.press(/Hoàn thành/)
  await expectRatingOf(c.citizen, 'A0002')
  await c.citizen.getByRole('button', { name: 'Rất hài lòng' }).tap()
  await expect(c.citizen.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  expect(query(kiosk.dbFile, 'SELECT ticket_code, mode FROM ratings')).toEqual([{ ticket_code: 'A0002', mode: 'counter' }])
  expect(offerStates(kiosk)).toEqual(['answered'])
  expect(c.staffRatingCalls).toEqual([])
})

test('the rating closes by itself at the end of its window, by the host clock, and does not come back', async ({
  page,
  context,
  kiosk,
}) => {
  // The shortest window IT can set; the citizen idle limit (30 s) is longer, so only the window can close it.
  updateSetting(kiosk.dbFile, 'ratingForm', (f) => ({ ...f, counterWindowSeconds: 15 }))
  const c = await atCounter(page, context, kiosk, 1)
  await c.press(/Gọi số tiếp theo/)
  await c.press(/Hoàn thành/)
  await expectRatingOf(c.citizen, 'A0001')
  await expect(c.citizen.getByText(HOME_HINT)).toBeVisible({ timeout: 25_000 })
  // Closed at the window's end, not by a cancel: core's offer is untouched, and core, by its own clock, says the
  // window is over (a screen closing early would still get the offer back here).
  expect(offerStates(kiosk)).toEqual(['open'])
  const open = await c.citizen.evaluate(() => window.api.rating.open({}))
  expect(open).toEqual({ ok: true, value: null })
  const lobbyWindow = await c.citizen.evaluate(async () => {
    const found = await window.api.rating.lookup({ query: 'A0001' })
    return found.ok ? found.value.expiresAt - found.value.completedAt : null
  })
  expect(lobbyWindow).toBe(2 * 60 * 60_000) // the lobby's own, longer window still applies there
})

import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Changes one setting in the kiosk's database, as IT will from the admin screens; core reads it on next use. */
function patchSetting(dbFile: string, key: 'kiosk' | 'queue', patch: Record<string, unknown>): void {
  const db = new Database(dbFile)
  try {
    const current = JSON.parse(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string)
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ ...current, ...patch }), key)
  } finally {
    db.close()
  }
}

async function counterId(page: Page, number: number): Promise<number> {
  return page.evaluate(async (n) => {
    const overview = await window.api.centre.overview({})
    if (!overview.ok) throw new Error(overview.error.message)
    const counter = overview.value.counters.find((c) => c.number === n)
    if (counter === undefined) throw new Error(`no counter ${n}`)
    return counter.id
  }, number)
}

test('take a number, the staff calls it, the board shows it, completing it opens the rating for that officer', async ({
  page,
  context,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await page.getByTestId('take-A').tap()
  await page.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(page.getByTestId('ticket-code')).toHaveText('A0001')
  await expect(page.getByText('Số người chờ trước quý khách: 0')).toBeVisible()
  // No printer configured: the ticket on screen is the ticket, with its QR code for the rating.
  await expect(page.getByRole('img', { name: 'Quét mã QR này để đánh giá sau khi được phục vụ' })).toBeVisible()
  await expect(page.getByText('Vui lòng ghi nhớ số thứ tự hoặc chụp ảnh màn hình này.')).toBeVisible()
  await page.getByRole('button', { name: 'Xong' }).tap()
  await expect(page.getByTestId('take-A')).toContainText('Đang chờ: 1')

  // The staff window of counter 1 (a second screen at the counter) calls the next number.
  const staff = await context.newPage()
  await staff.goto(`${kiosk.url}#/counter/${await counterId(page, 1)}`)
  await expect(staff.getByTestId('counter-waiting')).toHaveText('1 người đang chờ quầy này')
  await staff.getByRole('button', { name: /Gọi số tiếp theo/ }).tap()
  await expect(staff.getByTestId('counter-current')).toHaveText('A0001')

  // Pushed, not polled: the lobby board shows the call.
  await expect(page.getByTestId('latest-call')).toContainText('A0001')
  await expect(page.getByTestId('serving-1')).toContainText('A0001')
  await expect(page.getByTestId('serving-1')).toContainText('Nguyễn Thị Hương')

  // The citizen-facing kiosk at counter 1 runs in counter mode; completing the ticket opens its rating there.
  patchSetting(kiosk.dbFile, 'kiosk', { mode: 'counter', counterId: await counterId(page, 1) })
  const atCounter = await context.newPage()
  await atCounter.goto(kiosk.url)
  await expect(atCounter.getByText('Sau khi được phục vụ')).toBeVisible()
  await staff.keyboard.press('*') // the keypad's "complete" key
  await expect(staff.getByTestId('counter-current')).toHaveText('—')
  await expect(atCounter.locator('#rating-question')).toBeVisible()
  await expect(atCounter.getByText('Số thứ tự A0001')).toBeVisible()
  await expect(atCounter.getByText('Nguyễn Thị Hương')).toBeVisible()
  await expect(page.getByTestId('serving-1')).toContainText('Đang chờ gọi số')

  // In the lobby the same ticket can be rated by its number.
  const lookup = await page.evaluate(() => window.api.rating.lookup({ query: 'A0001' }))
  expect(lookup.ok && lookup.value.officer.fullName).toBe('Nguyễn Thị Hương')
})

test('a priority number is called before earlier normal numbers; the counter keypad drives the queue', async ({
  page,
  context,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  for (const choice of ['Không, lấy số thường', 'Người cao tuổi']) {
    await page.getByTestId('take-B').tap()
    await page.getByRole('button', { name: choice }).tap()
    await expect(page.getByTestId('ticket')).toBeVisible()
    await page.getByRole('button', { name: 'Xong' }).tap()
  }
  const staff = await context.newPage()
  await staff.goto(`${kiosk.url}#/counter/${await counterId(page, 3)}`)
  await expect(staff.getByTestId('counter-waiting')).toHaveText('2 người đang chờ quầy này')
  await staff.keyboard.press('Enter')
  await expect(staff.getByTestId('counter-current')).toHaveText('B0002')
  await staff.keyboard.press('-') // no-show
  await staff.keyboard.press('Enter')
  await expect(staff.getByTestId('counter-current')).toHaveText('B0001')
  // Transfer with the keypad: "/" opens the list, "1" picks its first entry (field A).
  await staff.keyboard.press('/')
  await expect(staff.getByRole('dialog')).toContainText('Chuyển số B0001 sang')
  await staff.keyboard.press('1')
  await expect(staff.getByTestId('counter-current')).toHaveText('—')
  await expect(page.getByTestId('take-A')).toContainText('Đang chờ: 1')
})

test('when printing fails the ticket is shown on screen with its QR and IT sees the failure', async ({ page, kiosk }) => {
  patchSetting(kiosk.dbFile, 'queue', { printer: { enabled: true, deviceName: 'XP-80C', paperWidthMm: 80 } })
  await page.goto(kiosk.url)
  await page.getByTestId('take-D').tap()
  await page.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(page.getByTestId('ticket-code')).toHaveText('D0001')
  await expect(page.getByRole('alert')).toHaveText(
    'Máy in chưa in được vé. Vui lòng ghi nhớ số thứ tự hoặc chụp ảnh màn hình này.',
  )
  const qr = page.locator('svg.qr-code')
  await expect(qr).toBeVisible()
  const uid = await qr.getAttribute('data-qr')
  const db = new Database(kiosk.dbFile, { readonly: true })
  try {
    expect(db.prepare("SELECT kind FROM system_events WHERE kind = 'queue.print_failed'").pluck().all()).toHaveLength(1)
    expect(db.prepare('SELECT code FROM tickets WHERE uid = ?').pluck().get(uid)).toBe('D0001')
  } finally {
    db.close()
  }
})

test('voice calls are queued and spoken in order, never two at once', async ({ page, kiosk }) => {
  // The clips themselves are not under test here (no sound on CI): answering 404 makes each clip end at once.
  await page.route('**/media/voice/**', (route) => route.fulfill({ status: 404 }))
  await page.goto(kiosk.url)
  await expect(page.getByTestId('take-A')).toBeVisible()
  const spoken = await page.evaluate(async () => {
    const overview = await window.api.centre.overview({})
    if (!overview.ok) throw new Error('no overview')
    const fieldA = overview.value.fields.find((f) => f.prefix === 'A')?.id ?? 0
    const [one, two] = overview.value.counters
    await window.api.queue.take({ fieldId: fieldA, priorityGroup: null })
    await window.api.queue.take({ fieldId: fieldA, priorityGroup: null })
    // Three calls in a burst: they arrive while the first is still being spoken.
    await window.api.queue.callNext({ counterId: one?.id ?? 0 })
    await window.api.queue.callNext({ counterId: two?.id ?? 0 })
    await window.api.queue.recall({ counterId: one?.id ?? 0 })
    return 3
  })
  const history = page.getByTestId('voice-history').locator('li')
  await expect(history).toHaveCount(spoken)
  await expect(history).toHaveText(['A0001 1', 'A0002 2', 'A0001 1'])
  expect(await history.evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')))).toEqual([
    'called',
    'called',
    'recalled',
  ])
})

test('the TV board fills a 1920×1080 screen with the calls and the waiting counts', async ({ page, kiosk }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(`${kiosk.url}#/board`)
  await expect(page.getByTestId('latest-call')).toHaveText('Chưa gọi số nào')
  await page.evaluate(async () => {
    const overview = await window.api.centre.overview({})
    if (!overview.ok) throw new Error('no overview')
    const fieldC = overview.value.fields.find((f) => f.prefix === 'C')?.id ?? 0
    const counter4 = overview.value.counters.find((c) => c.number === 4)?.id ?? 0
    await window.api.queue.take({ fieldId: fieldC, priorityGroup: null })
    await window.api.queue.take({ fieldId: fieldC, priorityGroup: null })
    await window.api.queue.callNext({ counterId: counter4 })
  })
  await expect(page.getByTestId('latest-call')).toContainText('C0001')
  await expect(page.getByTestId('latest-call')).toContainText('đến quầy số 4')
  await expect(page.getByTestId('waiting-C')).toContainText('1')
  await expect(page.getByTestId('serving-4')).toContainText('Phạm Minh Tuấn')
  const fits = await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)
  expect(fits).toBe(true)
})

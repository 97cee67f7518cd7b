import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ADMIN_PIN, loginAtCounter, officerWithPin, tapPin } from './staff-helpers'

const PIN = '135790'

/** As IT through the contract (the voice and TV tests drive counters without a staff screen): admin, logged in. */
async function loginAsIt(page: Page): Promise<void> {
  await page.evaluate(async (pin) => {
    const setup = await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
    if (!setup.ok || setup.value.status !== 'ok') throw new Error('admin setup failed')
  }, ADMIN_PIN)
}

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

  // The staff window of counter 1 (a second screen at the counter): the officer logs in with the PIN, then calls.
  await officerWithPin(page, 'Nguyễn Thị Hương', PIN)
  const staff = await context.newPage()
  await staff.goto(`${kiosk.url}#/counter/${await counterId(page, 1)}`)
  await loginAtCounter(staff, 'Nguyễn Thị Hương', PIN)
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
  // The officer stays logged in after Complete: sessions are per window, and the citizen page is another client.
  await expect(staff.getByTestId('counter-completed')).toContainText('Đã hoàn thành số A0001.')
  await expect(staff.getByText('Đang đăng nhập: Nguyễn Thị Hương')).toBeVisible()
  await expect(staff.getByTestId('counter-current')).toBeVisible()
  // The staff window itself is the staff area: core refuses a rating from it.
  const fromStaff = await staff.evaluate(async () => {
    const found = await window.api.rating.lookup({ query: 'A0001' })
    if (!found.ok) throw new Error(found.error.message)
    const ticketUid = found.value.ticketUid
    return window.api.rating.submit({ ticketUid, counterId: null, levelKey: 'very_satisfied', reasons: [], comment: '', language: 'vi' })
  })
  expect(fromStaff).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  await expect(atCounter.locator('#rating-question')).toBeVisible()
  await expect(atCounter.getByText('Số thứ tự A0001')).toBeVisible()
  await expect(atCounter.getByText('Nguyễn Thị Hương')).toBeVisible()
  await expect(page.getByTestId('serving-1')).toContainText('Chưa gọi số')
  // In the lobby the same ticket can be rated by its number (until it is rated, just below).
  const lookup = await page.evaluate(() => window.api.rating.lookup({ query: 'A0001' }))
  expect(lookup.ok && lookup.value.officer.fullName).toBe('Nguyễn Thị Hương')
  await atCounter.getByRole('button', { name: 'Rất hài lòng' }).tap()
  await expect(atCounter.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  // Still logged in on the staff window after the citizen rated: no PIN per citizen.
  await expect(staff.getByText('Đang đăng nhập: Nguyễn Thị Hương')).toBeVisible()
  const session = await staff.evaluate(() => window.api.auth.session({}))
  expect(session).toMatchObject({ ok: true, value: { displayName: 'Nguyễn Thị Hương' } })
  const db = new Database(kiosk.dbFile, { readonly: true })
  try {
    const rated = db.prepare('SELECT ticket_code, level_key FROM ratings').all()
    expect(rated).toEqual([{ ticket_code: 'A0001', level_key: 'very_satisfied' }])
    const actions = db.prepare("SELECT action, actor_name FROM audit_log WHERE action LIKE 'queue.%' ORDER BY id").all()
    expect(actions).toEqual([
      { action: 'queue.callNext', actor_name: 'Nguyễn Thị Hương' },
      { action: 'queue.complete', actor_name: 'Nguyễn Thị Hương' },
    ])
  } finally {
    db.close()
  }
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
  await officerWithPin(page, 'Lê Thị Thu Hà', PIN)
  const staff = await context.newPage()
  await staff.goto(`${kiosk.url}#/counter/${await counterId(page, 3)}`)
  await loginAtCounter(staff, 'Lê Thị Thu Hà', PIN)
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
    'Máy in chưa in được phiếu. Quý khách vui lòng ghi nhớ số thứ tự hoặc chụp ảnh màn hình này.',
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
  // No sound on CI: each clip "plays" for a while in a stub, so calls arriving in a burst really would overlap if
  // the player started one before the last ended. The stub counts the audio elements playing at the same time.
  await page.addInitScript(() => {
    const playing = new Set<HTMLMediaElement>()
    const stats = { max: 0 }
    Object.assign(window, { voiceStats: stats })
    HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
      playing.add(this)
      stats.max = Math.max(stats.max, playing.size)
      const end = () => {
        if (!playing.delete(this)) return
        this.dispatchEvent(new Event('ended'))
      }
      setTimeout(end, 40)
      return Promise.resolve()
    }
  })
  await page.goto(kiosk.url)
  await expect(page.getByTestId('take-A')).toBeVisible()
  await loginAsIt(page)
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
  const maxAtOnce = await page.evaluate(() => (window as unknown as { voiceStats: { max: number } }).voiceStats.max)
  expect(maxAtOnce).toBe(1)
})

test('a double tap on a field issues one number, not two', async ({ page, kiosk }) => {
  // Without priority groups the first tap takes the number: exactly where a hurried double tap lands.
  patchSetting(kiosk.dbFile, 'queue', { priorityGroups: [] })
  await page.goto(kiosk.url)
  const button = page.getByTestId('take-A')
  await expect(button).toBeVisible()
  // Both taps in one task, before any answer can re-render the screen.
  await button.evaluate((el: HTMLElement) => {
    el.click()
    el.click()
  })
  await expect(page.getByTestId('ticket-code')).toHaveText('A0001')
  // A round trip after both taps' requests would have reached the host.
  const board = await page.evaluate(() => window.api.queue.board({}))
  expect(board.ok && board.value.waiting.find((w) => w.prefix === 'A')?.waiting).toBe(1)
  const db = new Database(kiosk.dbFile, { readonly: true })
  try {
    expect(db.prepare('SELECT code FROM tickets').pluck().all()).toEqual(['A0001'])
  } finally {
    db.close()
  }
})

test('the TV clock shows the centre\'s time even on a screen whose OS is set to UTC', async ({ browser, kiosk }) => {
  const context = await browser.newContext({ timezoneId: 'UTC', locale: 'vi-VN' })
  try {
    // 16:30 UTC is 23:30 in Vietnam: the two zones disagree on the hour (and a UTC-7 mistake would show 09:30).
    await context.clock.setFixedTime(Date.parse('2026-11-26T16:30:00Z'))
    const tv = await context.newPage()
    await tv.goto(`${kiosk.url}#/board`)
    await expect(tv.getByTestId('tv-clock')).toHaveText('23:30')
  } finally {
    await context.close()
  }
})

test('the TV board fills a 1920×1080 screen with the calls and the waiting counts', async ({ page, kiosk }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(`${kiosk.url}#/board`)
  await expect(page.getByTestId('latest-call')).toHaveText('Chưa gọi số nào')
  await loginAsIt(page)
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

test('from the citizen home no counter action succeeds: core refuses them and the ticket stays waiting', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await page.getByTestId('take-A').tap()
  await page.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(page.getByTestId('ticket-code')).toHaveText('A0001')
  await page.getByRole('button', { name: 'Xong' }).tap()
  // The home screen no longer links to the counter controls.
  await expect(page.getByRole('link', { name: 'Cán bộ', exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Điều khiển quầy' })).toHaveCount(0)
  const answers = await page.evaluate(async (counterId) => {
    const q = window.api.queue
    const calls = [
      q.counter({ counterId }),
      q.callNext({ counterId }),
      q.recall({ counterId }),
      q.serve({ counterId }),
      q.skip({ counterId }),
      q.transfer({ counterId, to: { kind: 'counter', counterId } }),
      q.complete({ counterId }),
    ]
    return (await Promise.all(calls)).map((r) => (r.ok ? 'ok' : r.error.code))
  }, await counterId(page, 1))
  expect(answers).toEqual(Array(7).fill('FORBIDDEN'))
  const db = new Database(kiosk.dbFile, { readonly: true })
  try {
    expect(db.prepare('SELECT code, status, counter_id FROM tickets').all()).toEqual([
      { code: 'A0001', status: 'waiting', counter_id: null },
    ])
    expect(db.prepare('SELECT kind FROM ticket_events').pluck().all()).toEqual(['issued'])
  } finally {
    db.close()
  }
  // The citizen's own calls stay open.
  const board = await page.evaluate(() => window.api.queue.board({}))
  expect(board.ok).toBe(true)
})

test('an officer opens their own counter from the staff area after PIN login; another counter is refused', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await officerWithPin(page, 'Lê Thị Thu Hà', PIN)
  await page.evaluate(async () => {
    const overview = await window.api.centre.overview({})
    const fieldB = overview.ok ? overview.value.fields.find((f) => f.prefix === 'B')?.id : undefined
    await window.api.queue.take({ fieldId: fieldB ?? 0, priorityGroup: null })
  })
  await page.getByRole('link', { name: 'Cán bộ', exact: true }).tap()
  await page.getByRole('button', { name: /Lê Thị Thu Hà/ }).tap()
  await tapPin(page, PIN, 'auth:login')
  await page.getByRole('link', { name: 'Điều khiển quầy 3' }).tap()
  await expect(page.getByRole('heading', { name: 'Quầy 3' })).toBeVisible()
  await page.getByRole('button', { name: /Gọi số tiếp theo/ }).tap()
  await expect(page.getByTestId('counter-current')).toHaveText('B0001')
  // Logged in at counter 3, the same session cannot work counter 5.
  const elsewhere = await page.evaluate(
    async (counterId) => {
      const r = await window.api.queue.callNext({ counterId })
      return r.ok ? 'ok' : r.error.code
    },
    await counterId(page, 5),
  )
  expect(elsewhere).toBe('FORBIDDEN')
  // Logging out (or the session ending) leaves the controls: the staff window shows no counter data.
  await page.getByRole('button', { name: 'Đăng xuất' }).tap()
  await expect(page.getByTestId('counter-current')).toHaveCount(0)
})

import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { insertServedTicket } from '../helpers/tickets'
import { query } from './db'
import { expect, HOST_CLOCK_START, test, type KioskHost } from './fixtures'
import { noteTouches, runSinceLastTouch } from './idle-clock'
import { ADMIN_PIN, officerWithPin, tapKeys, tapPin } from './staff-helpers'

const OFFICER = 'Lê Thị Thu Hà' // counter 3 in the demo centre
const PIN = '583920'

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** A citizen rates a ticket served at `counterNumber`, through the kiosk's own call. */
async function rateServed(page: Page, kiosk: KioskHost, counterNumber: number, levelKey: string): Promise<void> {
  const ticket = insertServedTicket(kiosk.dbFile, { counterNumber, completedAt: kiosk.now() - 30_000 })
  const ok = await page.evaluate(
    async ({ uid, levelKey }) =>
      (
        await window.api.rating.submit({
          ticketUid: uid,
          counterId: null,
          levelKey,
          reasons: levelKey === 'not_satisfied' ? ['slow'] : [],
          comment: levelKey === 'not_satisfied' ? 'Phải chờ rất lâu' : '',
          language: 'vi',
        })
      ).ok,
    { uid: ticket.uid, levelKey },
  )
  expect(ok).toBe(true)
}

async function openLogin(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Cán bộ', exact: true }).tap()
  await page.getByRole('button', { name: new RegExp(OFFICER) }).tap()
}

test('staff login → dashboard numbers match the ratings → idle logout leaves no staff data', async ({
  page,
  kiosk,
}) => {
  // The screen's clock on the host's date, so the calendar opens on the month of the ratings (26/11/2026).
  await page.clock.install({ time: HOST_CLOCK_START })
  await page.goto(kiosk.url)
  await officerWithPin(page, OFFICER, PIN)
  await rateServed(page, kiosk, 3, 'very_satisfied')
  await rateServed(page, kiosk, 3, 'not_satisfied')
  await rateServed(page, kiosk, 1, 'satisfied') // another officer: only in the centre average

  await openLogin(page)
  await expectAccessible(page, 'pin pad')
  await tapPin(page, PIN, 'auth:login')
  await expect(page.getByText(`Đang đăng nhập: ${OFFICER}`)).toBeVisible()
  await expect(page.getByTestId('stat-total')).toContainText('2')
  await expect(page.getByTestId('stat-rate')).toContainText('50')
  await expect(page.getByTestId('stat-centre')).toContainText('66,7')
  await expect(page.getByTestId('level-very_satisfied')).toContainText('1')
  await expect(page.getByTestId('level-not_satisfied')).toContainText('1')
  await expect(page.getByText('Phải chờ rất lâu')).toBeVisible()
  // Each level's bar in its own colour: "Không hài lòng" red, not the green of "Rất hài lòng".
  const fill = (key: string) => page.getByTestId(`level-${key}`).locator('.bars__fill')
  await expect(fill('very_satisfied')).toHaveCSS('background-color', 'rgb(31, 122, 77)')
  await expect(fill('not_satisfied')).toHaveCSS('background-color', 'rgb(200, 16, 46)')
  await page.getByRole('button', { name: '7 ngày' }).tap()
  await expect(page.getByTestId('stat-total')).toContainText('2')
  await expectAccessible(page, 'dashboard')
  // Two days chosen on the touch calendars, shown and applied as dd/mm/yyyy.
  await page.getByRole('button', { name: /^Từ ngày/ }).tap()
  const from = page.getByRole('group', { name: 'Từ ngày' })
  await expect(from.getByText('Tháng 11 / 2026')).toBeVisible()
  await expectAccessible(page, 'calendar')
  await from.getByRole('button', { name: '20/11/2026' }).tap()
  await page.getByRole('button', { name: /^Đến ngày/ }).tap()
  await page.getByRole('group', { name: 'Đến ngày' }).getByRole('button', { name: '26/11/2026' }).tap()
  await expect(page.getByRole('button', { name: /^Từ ngày/ })).toHaveText(/20\/11\/2026/)
  await noteTouches(page)
  await page.getByRole('button', { name: 'Xem', exact: true }).tap()
  await expect(page.getByText('Từ 20/11/2026 đến 26/11/2026')).toBeVisible()
  await expect(page.getByTestId('stat-total')).toContainText('2')

  // Staff wait 60 s: the warning covers the last 10, then the session ends (timed from the last tap, see idle-clock).
  await runSinceLastTouch(page, 55_000)
  await expect(page.getByText(/Sẽ tự đăng xuất sau \d+ giây/)).toBeVisible()
  await runSinceLastTouch(page, 61_000)
  await expect(page.getByRole('link', { name: 'Cán bộ', exact: true })).toBeVisible()
  expect(await page.evaluate(async () => (await window.api.auth.session({})).ok)).toBe(true)
  expect(await page.evaluate(async () => {
    const r = await window.api.auth.session({})
    return r.ok ? r.value : 'error'
  })).toBeNull()
  expect(await page.evaluate(async () => (await window.api.staff.myRatings({ range: { kind: 'last', days: 1 } })).ok)).toBe(
    false,
  )
  await page.getByRole('link', { name: 'Cán bộ', exact: true }).tap()
  await expect(page.getByText('Chọn tên của bạn')).toBeVisible()
  await expect(page.getByTestId('stat-total')).toHaveCount(0)
})

test('five wrong PINs lock the account; the lockout is in the database', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  const accountId = await officerWithPin(page, OFFICER, PIN)
  await openLogin(page)
  for (let i = 1; i <= 4; i++) {
    await tapPin(page, '000000', 'auth:login')
    await expect(page.getByRole('alert')).toHaveText('Tên hoặc mã PIN không đúng.')
  }
  await tapPin(page, '000000', 'auth:login')
  await expect(page.getByRole('alert')).toContainText('Nhập sai nhiều lần')
  await tapPin(page, PIN, 'auth:login') // the right PIN does not help while locked
  await expect(page.getByRole('alert')).toContainText('Nhập sai nhiều lần')
  await expect(page.getByText('Đang đăng nhập')).toHaveCount(0)
  const [row] = query<{ failed_count: number; locked_until: number | null }>(
    kiosk.dbFile,
    'SELECT failed_count, locked_until FROM staff_accounts WHERE id = ?',
    accountId,
  )
  expect(row?.failed_count).toBe(5)
  expect(row?.locked_until).toBeGreaterThan(kiosk.now())
})

test('dispute flow: the officer flags an unfair rating, IT upholds it, the rating stays as it was', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await officerWithPin(page, OFFICER, PIN)
  await rateServed(page, kiosk, 3, 'not_satisfied')
  const before = query(kiosk.dbFile, 'SELECT * FROM ratings')

  await openLogin(page)
  await tapPin(page, PIN, 'auth:login')
  await page.getByRole('button', { name: 'Khiếu nại đánh giá này' }).tap()
  // A touch-only kiosk: the note is typed on the on-screen keyboard, in Telex.
  await page.getByLabel('Vì sao đánh giá này chưa công bằng?').tap()
  await expect(page.getByText(/^Gõ dấu \(kiểu Telex\)/)).toBeVisible()
  await tapKeys(page, 'coong daan ddeens nhaafm quaafy')
  await expect(page.getByLabel('Vì sao đánh giá này chưa công bằng?')).toHaveValue('công dân đến nhầm quầy')
  await page.getByRole('button', { name: 'Xong' }).tap()
  await expect(page.locator('.comment-keyboard')).toHaveCount(0)
  await page.getByRole('button', { name: 'Gửi khiếu nại' }).tap()
  await expect(page.getByText('Đang chờ xử lý khiếu nại')).toBeVisible()
  await page.getByRole('button', { name: 'Đăng xuất' }).tap()

  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  await page.getByRole('navigation', { name: 'Khu vực quản trị' }).getByRole('button', { name: 'Khiếu nại' }).tap()
  await expect(page.getByText('Cán bộ khiếu nại: công dân đến nhầm quầy')).toBeVisible()
  await expectAccessible(page, 'disputes')
  await page.getByLabel('Ghi chú kết quả xử lý').tap()
  await tapKeys(page, 'ddax kieemr tra')
  await page.getByRole('button', { name: 'Xong' }).tap()
  await page.getByRole('button', { name: 'Chấp nhận khiếu nại' }).tap()
  await expect(page.getByText('Khiếu nại được chấp nhận')).toBeVisible()
  expect(query(kiosk.dbFile, 'SELECT * FROM ratings')).toEqual(before)
  expect(query(kiosk.dbFile, 'SELECT status, note, resolution_note FROM disputes')).toEqual([
    { status: 'upheld', note: 'công dân đến nhầm quầy', resolution_note: 'đã kiểm tra' },
  ])
})

import fs from 'node:fs'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { insertServedTicket } from '../helpers/tickets'
import { query } from './db'
import { expect, test } from './fixtures'
import { ADMIN_PIN, tapPin } from './staff-helpers'

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('first-time setup, an officer PIN set from the admin screens, every admin page accessible', async ({
  page,
  kiosk,
}) => {
  // axe over every admin page: ~20 s on an idle 2-core machine, so give it room under a loaded CI run.
  test.slow()
  await page.goto(kiosk.url)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible()
  await expectAccessible(page, 'first admin')
  await page.getByLabel('Tên tài khoản quản trị').fill('Quản trị CNTT')
  await tapPin(page, ADMIN_PIN)
  await expect(page.getByText('Nhập lại mã PIN để xác nhận')).toBeVisible()
  await tapPin(page, ADMIN_PIN, 'auth:setup')
  await expect(page.getByText('Đang đăng nhập: Quản trị CNTT')).toBeVisible()

  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })
  for (const name of await nav.getByRole('button').allTextContents()) {
    await nav.getByRole('button', { name, exact: true }).tap()
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
    await expectAccessible(page, name)
  }

  await nav.getByRole('button', { name: 'Tài khoản và mã PIN' }).tap()
  await page.getByLabel('Đặt mã PIN cho cán bộ').selectOption({ label: 'Trần Văn Đức' })
  await tapPin(page, '975310', 'auth:setOfficerPin')
  await expect(page.getByText('Đã đặt mã PIN cho Trần Văn Đức.')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Trần Văn Đức' })).toBeVisible()

  await nav.getByRole('button', { name: 'Nhật ký thao tác' }).tap()
  await expect(page.getByRole('cell', { name: 'Đặt mã PIN' })).toBeVisible()
  // Words, names and dd/mm/yyyy in the centre's zone, never raw codes ("officer:3", "auth.set_pin").
  const setPin = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Đặt mã PIN', exact: true }) })
  await expect(setPin.getByRole('cell')).toHaveText([/^26\/11\/2026 09:\d{2}$/, 'Quản trị CNTT', 'Đặt mã PIN', 'Trần Văn Đức'])
  await expect(page.getByRole('cell', { name: /^(officer|account|counter|rating):|^auth\./ })).toHaveCount(0)
  const stored = query<{ pin_hash: string }>(kiosk.dbFile, 'SELECT pin_hash FROM staff_accounts')
  expect(JSON.stringify(stored)).not.toContain('975310')
})

test('admin creates a counter and an officer with a photo, assigns them; the kiosk shows them; a rating binds to them', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await page.evaluate(async (pin) => {
    await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
  }, ADMIN_PIN)
  // A fresh page load has no session of its own: log in through the screen.
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })

  await nav.getByRole('button', { name: 'Quầy và phân công' }).tap()
  await page.getByRole('button', { name: 'Thêm quầy' }).tap()
  await page.getByLabel('Tên (tiếng Việt)').fill('')
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByText('Không được để trống.')).toBeVisible() // field-level, in Vietnamese
  await expect(page.getByText('Chọn ít nhất một mục.')).toBeVisible()
  await page.getByLabel('Tên (tiếng Việt)').fill('Quầy 7')
  await page.getByLabel('Tên (tiếng Anh)').fill('Counter 7')
  await page.getByLabel(/^A – Đất đai/).check()
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByRole('cell', { name: 'Quầy 7', exact: true })).toBeVisible()

  await nav.getByRole('button', { name: 'Cán bộ', exact: true }).tap()
  await page.getByRole('button', { name: 'Thêm cán bộ' }).tap()
  await page.getByLabel('Họ và tên').fill('Đặng Thị Mỹ Duyên')
  // The Vietnamese "Chọn ảnh" button opens the file chooser (the browser's "Choose File" is hidden).
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Chọn ảnh' }).tap()
  await (await chooser).setFiles(path.resolve(__dirname, '../admin/officer.png'))
  await expect(page.getByRole('img', { name: 'Ảnh xem trước' })).toBeVisible()
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByRole('cell', { name: 'Đặng Thị Mỹ Duyên', exact: true }).first()).toBeVisible()

  await nav.getByRole('button', { name: 'Quầy và phân công' }).tap()
  await page.getByLabel('Cán bộ tại quầy 7').selectOption({ label: 'Đặng Thị Mỹ Duyên' })
  await expect(page.locator('td', { hasText: /^Đặng Thị Mỹ Duyên$/ })).toBeVisible() // in the history
  await page.getByRole('button', { name: 'Đăng xuất' }).tap()

  const card = page.locator('.counter-card', { hasText: 'Đặng Thị Mỹ Duyên' })
  await expect(card).toBeVisible()
  const photo = card.locator('img')
  await expect(photo).toHaveAttribute('src', /media\/photos\/officer-\d+-[0-9a-f]+\.jpg$/)
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)

  const [officer] = query<{ id: number }>(kiosk.dbFile, "SELECT id FROM officers WHERE full_name = 'Đặng Thị Mỹ Duyên'")
  const ticket = insertServedTicket(kiosk.dbFile, { counterNumber: 7, completedAt: kiosk.now() - 1000 })
  const ok = await page.evaluate(
    async (uid) =>
      (await window.api.rating.submit({ ticketUid: uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' })).ok,
    ticket.uid,
  )
  expect(ok).toBe(true)
  expect(query<{ officer_id: number }>(kiosk.dbFile, 'SELECT officer_id FROM ratings')).toEqual([{ officer_id: officer?.id }])
})

test('report per officer and a CSV export download with Vietnamese text', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  for (const level of ['very_satisfied', 'not_satisfied']) {
    const ticket = insertServedTicket(kiosk.dbFile, { counterNumber: 3, completedAt: kiosk.now() - 1000 })
    await page.evaluate(
      async ({ uid, level }) =>
        window.api.rating.submit({
          ticketUid: uid,
          counterId: null,
          levelKey: level,
          reasons: level === 'not_satisfied' ? ['slow'] : [],
          comment: level === 'not_satisfied' ? 'Chờ đợi quá lâu' : '',
          language: 'vi',
        }),
      { uid: ticket.uid, level },
    )
  }
  await page.evaluate(async (pin) => {
    await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
    await window.api.auth.logout({})
  }, ADMIN_PIN)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })

  await nav.getByRole('button', { name: 'Báo cáo' }).tap()
  const report = page.getByTestId('report')
  await expect(report).toContainText('Tổng số 2 lượt đánh giá, tỷ lệ hài lòng 50%')
  await expect(report.getByRole('row', { name: /Lê Thị Thu Hà/ })).toContainText('Giải quyết chậm, trễ hẹn (1)')

  await nav.getByRole('button', { name: 'Xuất dữ liệu' }).tap()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất CSV' }).tap(),
  ])
  expect(download.suggestedFilename()).toMatch(/^danh-gia-\d{8}-\d{6}\.csv$/)
  const body = fs.readFileSync(await download.path())
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(body.toString('utf8')).toContain('Lê Thị Thu Hà')
  expect(body.toString('utf8')).toContain('Chờ đợi quá lâu')
  await expect(page.getByText('Đã xử lý 2 / 2 lượt')).toBeVisible()
})

test('a form with a wrong value shows the message by the field in Vietnamese and saves nothing', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await page.evaluate(async (pin) => {
    await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
    await window.api.auth.logout({})
  }, ADMIN_PIN)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })
  await nav.getByRole('button', { name: 'Trung tâm và kiosk' }).tap()
  const before = query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'kiosk'")
  await page.getByLabel('Chế độ').selectOption({ label: 'Tại quầy (gắn với một quầy)' })
  await page.getByLabel('Tự đăng xuất sau (giây, cán bộ)').fill('5')
  await page.getByRole('button', { name: 'Lưu', exact: true }).nth(1).tap()
  await expect(page.getByText('Chế độ tại quầy cần chọn một quầy.')).toBeVisible()
  await expect(page.getByText('Giá trị nhỏ nhất là 30.')).toBeVisible()
  await expect(page.getByLabel('Tự đăng xuất sau (giây, cán bộ)')).toHaveAttribute('aria-invalid', 'true')
  expect(query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'kiosk'")).toEqual(before)

  await nav.getByRole('button', { name: 'Gửi dữ liệu về tỉnh' }).tap()
  await page.getByLabel('Gửi dữ liệu về máy chủ tỉnh').check()
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByText('Cần nhập địa chỉ máy chủ khi bật gửi dữ liệu.')).toBeVisible()
  // Nothing saved, nothing sent: the test says so instead of trying an address that is not stored.
  await page.getByRole('button', { name: 'Kiểm tra kết nối' }).tap()
  await expect(page.getByText('Chưa lưu địa chỉ máy chủ. Hãy nhập địa chỉ và bấm Lưu trước.')).toBeVisible()
})

test('admin turns the voice off and renames a priority group; open and new take-a-number screens show it at once', async ({
  page,
  context,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await page.evaluate(async (pin) => {
    await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
    await window.api.auth.logout({})
  }, ADMIN_PIN)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })
  await nav.getByRole('button', { name: 'Máy in, giọng đọc và nhóm ưu tiên' }).tap()

  // The lobby is open in another window all along: it must follow without a reload.
  const lobby = await context.newPage()
  await lobby.goto(kiosk.url)
  await expect(lobby.getByTestId('take-A')).toBeVisible()

  const before = query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'queue'")
  await page.getByRole('button', { name: 'Thêm nhóm ưu tiên' }).tap()
  await page.getByLabel('Nhóm 5: mã nhóm').fill('Mã sai')
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByText('Bắt đầu bằng chữ cái; chỉ chữ thường không dấu, số và dấu _ (ví dụ: nguoi_cao_tuoi).')).toBeVisible()
  await expect(page.getByLabel('Nhóm 5: tên tiếng Việt')).toHaveAttribute('aria-invalid', 'true')
  expect(query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'queue'")).toEqual(before)
  await page.getByRole('button', { name: 'Xóa nhóm Nhóm 5' }).tap()

  await page.getByLabel('Đọc số phiếu và số quầy khi gọi').tap()
  await page.getByLabel('Nhóm 1: tên tiếng Việt').fill('Người cao tuổi (từ 75 tuổi)')
  await page.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(page.getByText('Đã lưu.')).toBeVisible()

  const options = await page.evaluate(async () => window.api.queue.options({}))
  expect(options).toMatchObject({ ok: true, value: { voice: { enabled: false } } })
  await lobby.getByTestId('take-A').tap()
  await expect(lobby.getByRole('button', { name: 'Người cao tuổi (từ 75 tuổi)' })).toBeVisible()

  await page.getByRole('button', { name: 'Đăng xuất' }).tap()
  await page.getByTestId('take-A').tap()
  await expect(page.getByRole('button', { name: 'Người cao tuổi (từ 75 tuổi)' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Người khuyết tật' })).toBeVisible()
})

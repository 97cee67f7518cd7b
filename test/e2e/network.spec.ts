import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { startCollector } from '../../electron/collector/server'
import { tickingClock } from '../../electron/core/clock'
import { query } from './db'
import { expect, HOST_CLOCK_START, test } from './fixtures'
import { Centre } from './network-hosts'
import { adminClient as pairAdmin, givePin, makeCode, pairedClient as pair, PAIR_TITLE } from './network-pages'
import { loginAtCounter } from './staff-helpers'

/**
 * The centre network in Chromium: a headless hub process on real TLS and client PCs as web hosts (`--client`),
 * paired through their own screens with codes IT makes in Quản trị → Thiết bị on the paired admin client.
 */

const OFFICER = 'Nguyễn Thị Hương' // at counter 1, which serves field A
const PIN = '135790'

let centre: Centre
test.beforeEach(async () => {
  centre = await Centre.start()
})
test.afterEach(async ({}, testInfo) => {
  // A failed flow carries what every host said (a client's link downs and ups, with why) in its report.
  if (testInfo.status !== testInfo.expectedStatus) {
    const file = testInfo.outputPath('hosts.log')
    fs.writeFileSync(file, centre.hostLogs())
    await testInfo.attach('hosts.log', { path: file, contentType: 'text/plain' })
  }
  await centre.close()
})

const pairedClient = (browser: Browser, code: string, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> =>
  pair(browser, centre, code, beforeLoad)
const adminClient = (browser: Browser): Promise<Page> => pairAdmin(browser, centre)

/**
 * IT sets up the upload to the province on the paired admin client (Quản trị → Gửi dữ liệu về tỉnh), which saves
 * it in the hub's database, then asks for it now (Đồng bộ và tình trạng → Đồng bộ ngay): the hub alone uploads.
 */
async function uploadFromHub(admin: Page, endpoint: string, token: string): Promise<void> {
  const nav = admin.getByRole('navigation', { name: 'Khu vực quản trị' })
  await nav.getByRole('button', { name: 'Gửi dữ liệu về tỉnh' }).tap()
  await admin.getByLabel('Gửi dữ liệu về máy chủ tỉnh').check()
  await admin.getByLabel('Địa chỉ máy chủ thu nhận (https://…)').fill(endpoint)
  await admin.getByLabel('Mã đăng ký thiết bị (do CNTT tỉnh cấp)').fill(token)
  await admin.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(admin.getByText('Đã lưu.')).toBeVisible()
  await nav.getByRole('button', { name: 'Đồng bộ và tình trạng' }).tap()
  await admin.getByRole('button', { name: 'Đồng bộ ngay' }).tap()
}


test('one number through the network: lobby → console → board and counter screen → rating, one row on the hub and at the province', async ({
  browser,
}) => {
  // Six processes and five pages on two shared cores: about 35 s alone, more beside the rest of the suite.
  test.setTimeout(150_000)
  const admin = await adminClient(browser)
  await givePin(admin, OFFICER, PIN)
  const lobby = await pairedClient(browser, await makeCode(admin, 'lobby'))
  const console = await pairedClient(browser, await makeCode(admin, 'console', 'Quầy 1'))
  const board = await pairedClient(browser, await makeCode(admin, 'board'))
  const screen = await pairedClient(browser, await makeCode(admin, 'counter-screen', 'Quầy 1'))
  await expect(admin.getByTestId('device-row')).toHaveCount(5)
  await expect(admin.getByTestId('device-list')).not.toContainText('Mất kết nối')

  // Each PC shows its role's screen, from the same app.
  await expect(board.getByTestId('latest-call')).toBeVisible()
  await expect(screen.getByText('Sau khi được phục vụ, quý khách vui lòng đánh giá cán bộ trên màn hình này.')).toBeVisible()
  await loginAtCounter(console, OFFICER, PIN)

  await lobby.getByTestId('take-A').tap()
  await lobby.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(lobby.getByText('A0001').first()).toBeVisible()

  await console.getByRole('button', { name: /Gọi số tiếp theo/ }).tap()
  await expect(console.getByTestId('counter-current')).toHaveText('A0001')
  await expect(board.getByTestId('serving-1')).toContainText('A0001')
  await expect(screen.getByText('Đang phục vụ số A0001')).toBeVisible()

  await console.getByRole('button', { name: /Hoàn thành/ }).tap()
  await expect(screen.locator('#rating-question')).toBeVisible()
  await expect(screen.getByText('Số thứ tự A0001')).toBeVisible()
  await screen.getByRole('button', { name: 'Rất hài lòng' }).tap()
  await expect(screen.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  expect(query(centre.hubDb, 'SELECT ticket_code, mode FROM ratings')).toEqual([{ ticket_code: 'A0001', mode: 'counter' }])

  // On to the province: a real reference collector on 127.0.0.1, on the hosts' clock, gets that one rating.
  const collectorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-collector-'))
  const collector = await startCollector({ dbFile: path.join(collectorDir, 'collector.db'), clock: tickingClock(HOST_CLOCK_START) })
  try {
    await uploadFromHub(admin, collector.url, collector.createEnrollmentToken('Trung tâm một cửa'))
    const hubRating = query(centre.hubDb, 'SELECT uuid FROM ratings')
    await expect.poll(() => query(path.join(collectorDir, 'collector.db'), 'SELECT uuid FROM ratings')).toEqual(hubRating)
    const [hubDevice] = query(centre.hubDb, "SELECT json_extract(value, '$.deviceId') AS id FROM settings WHERE key = 'device'")
    expect(query(path.join(collectorDir, 'collector.db'), 'SELECT device_id AS id FROM ratings')).toEqual([hubDevice])
  } finally {
    await collector.close()
    fs.rmSync(collectorDir, { recursive: true, force: true })
  }

  // The hub dies: every client says so within 3 s; a citizen's action is refused with an apology, not a number.
  await centre.killHub()
  await expect(board.getByTestId('link-offline')).toContainText('Mất kết nối với kiosk chính', { timeout: 3000 })
  await expect(lobby.getByTestId('link-offline')).toBeVisible({ timeout: 3000 })
  await lobby.getByRole('button', { name: 'Xong' }).tap()
  await lobby.getByTestId('take-A').tap()
  await lobby.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(lobby.getByRole('alert').filter({ hasText: 'chưa lấy được số' })).toContainText('Xin lỗi quý khách')

  // Back: the banner goes by itself, and the screens are live again.
  await centre.startHub()
  await expect(board.getByTestId('link-offline')).toHaveCount(0, { timeout: 10_000 })
  await expect(lobby.getByTestId('link-offline')).toHaveCount(0, { timeout: 10_000 })
  // The same screen that apologised now issues the number; the hub counted no ticket for the refused attempt.
  await lobby.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await expect(lobby.getByText('A0002').first()).toBeVisible()
  expect(query(centre.hubDb, 'SELECT code FROM tickets ORDER BY id')).toEqual([{ code: 'A0001' }, { code: 'A0002' }])
})

test('an unpaired client shows the pairing screen and says why a code fails; a revoked client is cut off', async ({
  browser,
}) => {
  const admin = await adminClient(browser)
  const code = await makeCode(admin, 'board')
  const page = await centre.page(browser)
  await page.goto(await centre.client())
  await expect(page.getByRole('heading', { name: PAIR_TITLE })).toBeVisible()

  // The on-screen keyboard types too; a code with the right key but another secret is refused as not valid.
  await page.getByRole('button', { name: '1', exact: true }).tap()
  await expect(page.getByTestId('pair-code')).toHaveValue('1')
  await page.getByRole('button', { name: /Xoá|Xóa/ }).tap()
  const [address, short] = code.split(' ')
  const wrong = `${short?.startsWith('0') ? '1' : '0'}${short?.slice(1) ?? ''}`
  await page.keyboard.type(`${address} ${wrong}`)
  await page.getByRole('button', { name: 'Kết nối', exact: true }).tap()
  await expect(page.getByRole('alert')).toContainText('Mã ghép nối không đúng, đã dùng hoặc đã hết hạn')

  await page.keyboard.press('Backspace')
  for (let i = 0; i < 60; i++) await page.keyboard.press('Backspace')
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('latest-call')).toBeVisible()

  const row = admin.getByTestId('device-row').filter({ hasText: 'Bảng hiển thị (TV)' })
  await expect(row).toContainText('Đang kết nối')
  await row.getByRole('button', { name: 'Thu hồi' }).tap()
  await row.getByRole('button', { name: 'Thu hồi ngay' }).tap()
  await expect(row).toContainText('Đã thu hồi')
  await expect(page.getByTestId('link-revoked')).toContainText('đã bị thu hồi', { timeout: 5000 })
  await expect(page.getByRole('heading', { name: PAIR_TITLE })).toBeVisible()
  await expect(page.getByTestId('latest-call')).toHaveCount(0)
})

test('a screen that hears no push still follows the link: "Mất kết nối" goes once the hub is back', async ({ browser }) => {
  const admin = await adminClient(browser)
  const code = await makeCode(admin, 'board')
  // This page's event stream from its own shell is answered empty every time it reconnects: nothing reaches it
  // by push (as when a push is lost while the stream reconnects), only what it asks for.
  const board = await pairedClient(browser, code, async (page) => {
    await page.route('**/api/events', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 200\n\n' }))
  })
  const linkState = () => board.evaluate(async () => {
    const status = await window.api.link.status({})
    return status.ok && status.value.mode === 'client' ? status.value.state : null
  })
  await expect.poll(linkState).toBe('online')

  await centre.killHub()
  await expect.poll(linkState).toBe('offline')
  await board.reload() // the screen starts while the hub is away: it shows the banner
  await expect(board.getByTestId('link-offline')).toBeVisible()

  await centre.startHub()
  await expect(board.getByTestId('link-offline')).toHaveCount(0, { timeout: 10_000 })
  await expect(board.getByTestId('latest-call')).toBeVisible()
})

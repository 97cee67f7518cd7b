import fs from 'node:fs'
import { expect, test } from './fixtures'
import { checkShapes, SHAPES } from './layout'
import { Centre } from './network-hosts'
import { adminClient, givePin, makeCode, PAIR_TITLE, pairedClient } from './network-pages'
import { loginAtCounter } from './staff-helpers'

/**
 * The centre network's screens at the kiosk shapes, checked like the citizen screens (test/e2e/layout.spec.ts):
 * the pairing screen (with a refused code), a counter screen and a lobby as clients of the hub, both with the
 * "Mất kết nối với kiosk chính" banner once the hub is gone, the officer's console, and IT's Quản trị → Thiết bị.
 * The screens a citizen may see get all five shapes; the console and the admin page, used by staff on a desk PC or
 * a kiosk, get 1280×800 and the 1080×1920 portrait. `KIOSK_SHOTS` writes a PNG of each (scripts/screenshots.mjs).
 */

const SHOTS = process.env.KIOSK_SHOTS
const STAFF_SHAPES = SHAPES.filter((s) => s.name === '1280x800' || s.name === '1080x1920')
const OFFICER = 'Nguyễn Thị Hương' // counter 1
const PIN = '135790'

let centre: Centre
test.beforeEach(async () => {
  centre = await Centre.start()
})
test.afterEach(async () => {
  await centre.close()
})

test('every network screen fits every shape', async ({ browser }) => {
  test.setTimeout(SHOTS === undefined ? 120_000 : 240_000)
  if (SHOTS !== undefined) fs.mkdirSync(SHOTS, { recursive: true })
  const found: string[] = []
  const admin = await adminClient(browser, centre)
  await givePin(admin, OFFICER, PIN)

  // An unpaired PC: the pairing screen, then a code the hub refuses, then the right one for counter 1's screen.
  const screenCode = await makeCode(admin, 'counter-screen', 'Quầy 1')
  const screen = await centre.page(browser)
  await screen.goto(await centre.client())
  await expect(screen.getByRole('heading', { name: PAIR_TITLE })).toBeVisible()
  found.push(...(await checkShapes(screen, '20-pair', SHAPES, SHOTS)))
  const [address, short] = screenCode.split(' ')
  await screen.keyboard.type(`${address} ${short?.startsWith('0') ? '1' : '0'}${short?.slice(1) ?? ''}`)
  await screen.keyboard.press('Enter')
  await expect(screen.getByRole('alert')).toContainText('Mã ghép nối không đúng')
  found.push(...(await checkShapes(screen, '21-pair-refused', SHAPES, SHOTS)))
  for (let i = 0; i < 60; i++) await screen.keyboard.press('Backspace')
  await screen.keyboard.type(screenCode)
  await screen.keyboard.press('Enter')
  await expect(screen.getByText('Sau khi được phục vụ, quý khách vui lòng đánh giá cán bộ trên màn hình này.')).toBeVisible()
  found.push(...(await checkShapes(screen, '22-counter-screen', SHAPES, SHOTS)))

  const console = await pairedClient(browser, centre, await makeCode(admin, 'console', 'Quầy 1'))
  const lobby = await pairedClient(browser, centre, await makeCode(admin, 'lobby'))
  await loginAtCounter(console, OFFICER, PIN)
  await lobby.getByTestId('take-A').tap()
  await lobby.getByRole('button', { name: 'Không, lấy số thường' }).tap()
  await lobby.getByRole('button', { name: 'Xong' }).tap()
  await console.getByRole('button', { name: /Gọi số tiếp theo/ }).tap()
  await expect(console.getByTestId('counter-current')).toHaveText('A0001')
  found.push(...(await checkShapes(console, '23-console', STAFF_SHAPES, SHOTS)))

  await expect(admin.getByTestId('device-row')).toHaveCount(4)
  found.push(...(await checkShapes(admin, '24-admin-devices', STAFF_SHAPES, SHOTS, true)))

  // The hub is gone: every client says so.
  await centre.killHub()
  await expect(lobby.getByTestId('link-offline')).toContainText('Mất kết nối với kiosk chính', { timeout: 5000 })
  found.push(...(await checkShapes(lobby, '25-offline-lobby', SHAPES, SHOTS)))
  await expect(screen.getByTestId('link-offline')).toBeVisible({ timeout: 5000 })
  found.push(...(await checkShapes(screen, '26-offline-counter-screen', SHAPES, SHOTS)))
  await expect(console.getByTestId('link-offline')).toBeVisible({ timeout: 5000 })
  found.push(...(await checkShapes(console, '27-offline-console', STAFF_SHAPES, SHOTS)))
  expect(found).toEqual([])
})

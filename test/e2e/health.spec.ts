import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { query } from './db'
import { expect, test } from './fixtures'
import { ADMIN_PIN, tapPin } from './staff-helpers'

test('health page: IT sets the update feed (https only) and saves a diagnostics package', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  await page.evaluate(async (pin) => {
    await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
    await window.api.auth.logout({})
  }, ADMIN_PIN)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await tapPin(page, ADMIN_PIN, 'auth:login')
  await page.getByRole('navigation', { name: 'Khu vực quản trị' }).getByRole('button', { name: 'Đồng bộ và tình trạng' }).tap()

  const updates = page.getByRole('region', { name: 'Cập nhật phần mềm' })
  await expect(updates.getByTestId('update-facts')).toContainText('Chưa đặt nguồn cập nhật')
  const feed = updates.getByLabel(/Nguồn cập nhật của tỉnh/)
  await feed.fill('http://capnhat.tinh.gov.vn/kiosk/')
  await updates.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(feed).toHaveAttribute('aria-invalid', 'true')
  expect(query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'updates'")).toEqual([])
  await feed.fill('https://capnhat.tinh.gov.vn/kiosk/')
  await updates.getByRole('button', { name: 'Lưu', exact: true }).tap()
  await expect(updates.getByText('Đã lưu.')).toBeVisible()
  expect(query(kiosk.dbFile, "SELECT value FROM settings WHERE key = 'updates'")).toEqual([
    { value: JSON.stringify({ feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/', channel: 'latest' }) },
  ])
  await expect(feed).toHaveValue('https://capnhat.tinh.gov.vn/kiosk/')

  const diagnostics = page.getByRole('region', { name: 'Gói chẩn đoán' })
  await diagnostics.getByRole('button', { name: 'Lưu gói chẩn đoán' }).tap()
  // The web host writes it to its data folder; the page says where.
  await expect(diagnostics.getByTestId('diagnostics-outcome')).toContainText(path.join(kiosk.dataDir, 'diagnostics'))
  const [zip] = fs.readdirSync(path.join(kiosk.dataDir, 'diagnostics'))
  const listing = execFileSync('unzip', ['-Z1', path.join(kiosk.dataDir, 'diagnostics', zip ?? '')]).toString()
  expect(listing.split('\n')).toEqual(expect.arrayContaining(['versions.json', 'database.json', 'configuration.json']))
})

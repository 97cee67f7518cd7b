import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
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
  await page.goto(kiosk.url)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await expect(page.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible()
  await expectAccessible(page, 'first admin')
  await page.getByLabel('Tên tài khoản quản trị').fill('Quản trị CNTT')
  await tapPin(page, ADMIN_PIN)
  await expect(page.getByText('Nhập lại mã PIN để xác nhận')).toBeVisible()
  await tapPin(page, ADMIN_PIN)
  await expect(page.getByText('Đang đăng nhập: Quản trị CNTT')).toBeVisible()

  const nav = page.getByRole('navigation', { name: 'Khu vực quản trị' })
  for (const name of await nav.getByRole('button').allTextContents()) {
    await nav.getByRole('button', { name, exact: true }).tap()
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
    await expectAccessible(page, name)
  }

  await nav.getByRole('button', { name: 'Tài khoản và mã PIN' }).tap()
  await page.getByLabel('Đặt mã PIN cho cán bộ').selectOption({ label: 'Trần Văn Đức' })
  await tapPin(page, '975310')
  await expect(page.getByText('Đã đặt mã PIN cho Trần Văn Đức.')).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Trần Văn Đức' })).toBeVisible()

  await nav.getByRole('button', { name: 'Nhật ký thao tác' }).tap()
  await expect(page.getByRole('cell', { name: 'Đặt mã PIN' })).toBeVisible()
  const stored = query<{ pin_hash: string }>(kiosk.dbFile, 'SELECT pin_hash FROM staff_accounts')
  expect(JSON.stringify(stored)).not.toContain('975310')
})

import type { Browser, Page } from '@playwright/test'
import { expect } from './fixtures'
import type { Centre } from './network-hosts'
import { ADMIN_PIN, tapPin } from './staff-helpers'

/** The centre network's pages in Chromium, paired through their own screens (network and layout specs). */

export const PAIR_TITLE = 'Kết nối với kiosk chính'

/** A client PC's screen: the pairing screen first; the code typed as the USB scanner (a keyboard) types it. */
export async function pairedClient(
  browser: Browser,
  centre: Centre,
  code: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await centre.page(browser)
  await beforeLoad?.(page)
  await page.goto(await centre.client())
  await expect(page.getByRole('heading', { name: PAIR_TITLE })).toBeVisible()
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: PAIR_TITLE })).toHaveCount(0)
  return page
}

/** The first admin client, paired with the code the hub printed, with IT's first account made on its screen. */
export async function adminClient(browser: Browser, centre: Centre): Promise<Page> {
  const ticket = centre.adminPairing
  if (!ticket) throw new Error('the hub printed no admin pairing code')
  const admin = await pairedClient(browser, centre, `${ticket.address} ${ticket.shortCode}`)
  await expect(admin.getByRole('heading', { name: 'Thiết lập lần đầu' })).toBeVisible()
  await admin.getByLabel('Tên tài khoản quản trị').fill('Quản trị CNTT')
  await tapPin(admin, ADMIN_PIN)
  await tapPin(admin, ADMIN_PIN, 'auth:setup')
  await expect(admin.getByText('Đang đăng nhập: Quản trị CNTT')).toBeVisible()
  await admin.getByRole('navigation', { name: 'Khu vực quản trị' }).getByRole('button', { name: 'Thiết bị' }).tap()
  return admin
}

/** Quản trị → Thiết bị → Ghép nối thiết bị mới: the typed form of a fresh code for this role. */
export async function makeCode(admin: Page, role: string, counter?: string): Promise<string> {
  const before = (await admin.getByTestId('pair-typed').count()) > 0 ? await admin.getByTestId('pair-typed').textContent() : null
  await admin.getByTestId('pair-role').selectOption(role)
  if (counter) await admin.getByTestId('pair-counter').selectOption({ label: counter })
  await admin.getByRole('button', { name: 'Tạo mã ghép nối' }).tap()
  await expect(admin.getByTestId('pair-typed')).not.toHaveText(before ?? '')
  await expect(admin.getByRole('timer')).toContainText('Mã còn hiệu lực 9:5')
  return (await admin.getByTestId('pair-typed').textContent()) ?? ''
}

/** IT gives an officer a PIN from the admin client (its own session on the hub). */
export async function givePin(admin: Page, name: string, pin: string): Promise<void> {
  await admin.evaluate(
    async ({ name, pin }) => {
      const overview = await window.api.centre.overview({})
      const officer = overview.ok ? overview.value.counters.find((c) => c.officer?.fullName === name)?.officer : undefined
      if (!officer) throw new Error(`no officer ${name}`)
      const set = await window.api.auth.setOfficerPin({ officerId: officer.id, pin })
      if (!set.ok) throw new Error(set.error.message)
    },
    { name, pin },
  )
}

import { expect, type Page } from '@playwright/test'

export const ADMIN_PIN = '246810'

/** Types a 6-digit PIN on the on-screen pad. */
export async function tapPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).tap()
}

/** Taps Telex keys on the open on-screen keyboard ("ddeens" gives "đến"); a space is the space bar. */
export async function tapKeys(page: Page, keys: string): Promise<void> {
  const keyboard = page.locator('.comment-keyboard')
  for (const key of keys) {
    await keyboard.getByRole('button', { name: key === ' ' ? 'Dấu cách' : key, exact: true }).tap()
  }
}

/**
 * Through the app's own `window.api` (same calls the admin screens make): the first admin, and a PIN for one
 * officer. Leaves nobody logged in. Returns the officer's account id.
 */
export async function officerWithPin(page: Page, officerName: string, pin: string): Promise<number> {
  return page.evaluate(
    async ({ officerName, pin, adminPin }) => {
      const setup = await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin: adminPin })
      if (!setup.ok) throw new Error(setup.error.message)
      const overview = await window.api.centre.overview({})
      if (!overview.ok) throw new Error(overview.error.message)
      const officer = overview.value.counters.find((c) => c.officer?.fullName === officerName)?.officer
      if (!officer) throw new Error(`no officer ${officerName}`)
      const account = await window.api.auth.setOfficerPin({ officerId: officer.id, pin })
      if (!account.ok) throw new Error(account.error.message)
      await window.api.auth.logout({})
      return account.value.id
    },
    { officerName, pin, adminPin: ADMIN_PIN },
  )
}

/** The staff window shows the PIN login first: pick the officer's name, type the PIN, get the counter controls. */
export async function loginAtCounter(staff: Page, officerName: string, pin: string): Promise<void> {
  await staff.getByRole('button', { name: new RegExp(officerName) }).tap()
  await tapPin(staff, pin)
  await expect(staff.getByText(`Đang đăng nhập: ${officerName}`)).toBeVisible()
  await expect(staff.getByTestId('counter-current')).toBeVisible()
}

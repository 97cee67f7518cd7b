import { expect, type Page } from '@playwright/test'
import type { CallName } from '../../shared/channels'

export const ADMIN_PIN = '246810'

/**
 * Types a 6-digit PIN on the on-screen pad. When the sixth digit sends it to the host (`sends`: the call the screen
 * makes), waits for the host's answer bounded only by the test's own timeout: each PIN costs a production scrypt
 * (N=2^17), seconds on 2 busy cores, and under a loaded CI run one took longer than an expectation's 15 s. What
 * the screen does with the answer is then checked by the caller, with the usual bound.
 */
export async function tapPin(page: Page, pin: string, sends?: CallName): Promise<void> {
  const answered = sends === undefined ? null : answerTo(page, sends)
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).tap()
  await answered
}

/** The host's answer to the page's next `call` (the web bridge posts each call to ./api/call/<name>). */
export function answerTo(page: Page, call: CallName): Promise<unknown> {
  return page.waitForResponse((r) => r.url().endsWith(`/api/call/${encodeURIComponent(call)}`), { timeout: 0 })
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
  await tapPin(staff, pin, 'auth:login')
  await expect(staff.getByText(`Đang đăng nhập: ${officerName}`)).toBeVisible()
  await expect(staff.getByTestId('counter-current')).toBeVisible()
}

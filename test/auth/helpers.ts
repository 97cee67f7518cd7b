import type { ScryptCost } from '../../electron/core/auth/pin-hash'
import type { Core } from '../../electron/core/core'
import type { CallName } from '../../shared/channels'
import type { CallOutput } from '../../shared/contract'
import { TEST_CLIENT } from '../helpers/core'

/** For tests that are not about the hashing itself: production cost is 2^17 (≈0.3 s per hash). */
export const cheapCost: ScryptCost = { N: 2 ** 10, r: 8, p: 1 }

export const ADMIN_PIN = '246810'

/** Calls core and unwraps the value, failing the test with the error otherwise. */
export async function call<C extends CallName>(core: Core, channel: C, input: unknown): Promise<CallOutput<C>> {
  const result = await core.invoke(channel, input, TEST_CLIENT)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as CallOutput<C>
}

/** First-time setup: the first admin, logged in. */
export async function setupAdmin(core: Core): Promise<void> {
  const result = await call(core, 'auth:setup', { displayName: 'Quản trị CNTT', pin: ADMIN_PIN })
  if (result.status !== 'ok') throw new Error(`setup: ${result.status}`)
}

/** Logs the first admin in, creating it on a new kiosk. */
export async function loginAdmin(core: Core): Promise<void> {
  const directory = await call(core, 'auth:accounts', {})
  const admin = directory.accounts.find((a) => a.role === 'admin')
  if (!admin) return setupAdmin(core)
  const result = await call(core, 'auth:login', { accountId: admin.id, pin: ADMIN_PIN })
  if (result.status !== 'ok') throw new Error(`admin login: ${result.status}`)
}

/** Gives officer `officerId` a PIN (as IT) and logs IT out again. Returns the officer's account id. */
export async function givePin(core: Core, officerId: number, pin: string): Promise<number> {
  const session = await call(core, 'auth:session', {})
  if (session?.role !== 'admin') await loginAdmin(core)
  const account = await call(core, 'auth:setOfficerPin', { officerId, pin })
  await call(core, 'auth:logout', {})
  return account.id
}

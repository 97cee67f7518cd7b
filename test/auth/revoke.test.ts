import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { CallContext } from '../../electron/core/dispatch'
import type { CallName } from '../../shared/channels'
import type { CallOutput } from '../../shared/contract'
import { fixedClock, OTHER_CLIENT, testCore, TEST_CLIENT } from '../helpers/core'
import { errorCode, value } from '../queue/helpers'
import { ADMIN_PIN, cheapCost, givePin } from './helpers'

const PIN = '135790'
/** IT works from its own window, so nothing it does there is confused with the officer's windows A and B. */
const IT: CallContext = { clientId: 'test:it' }
const A = TEST_CLIENT
const B = OTHER_CLIENT

const as = <C extends CallName>(core: Core, client: CallContext, channel: C, input: unknown) =>
  value<CallOutput<C>>(core.invoke(channel, input, client))

/** The demo kiosk: counter 3's officer has a PIN and is logged in on A and B; IT is logged in on its window. */
async function setup() {
  const clock = fixedClock()
  const core = testCore({ clock, pinCost: cheapCost })
  const overview = await as(core, A, 'centre:overview', {})
  const three = overview.counters.find((c) => c.number === 3)
  if (!three?.officer) throw new Error('demo centre changed')
  const officer = three.officer
  const accountId = await givePin(core, officer.id, PIN)
  for (const client of [A, B]) expect(await as(core, client, 'auth:login', { accountId, pin: PIN })).toMatchObject({ status: 'ok' })
  const directory = await as(core, IT, 'auth:accounts', {})
  const adminId = directory.accounts.find((a) => a.role === 'admin')?.id
  if (adminId === undefined) throw new Error('no admin')
  expect(await as(core, IT, 'auth:login', { accountId: adminId, pin: ADMIN_PIN })).toMatchObject({ status: 'ok' })
  const deactivate = () =>
    as(core, IT, 'admin:saveOfficer', { id: officer.id, fullName: officer.fullName, title: officer.title, active: false, photo: 'keep' })
  return { core, clock, counter: three.id, officer, accountId, adminId, deactivate }
}

describe('revoking staff access', () => {
  it('deactivating an officer ends their sessions, closes their assignment and refuses login and counter work', async () => {
    const { core, counter, accountId, deactivate } = await setup()
    expect(await as(core, A, 'queue:counter', { counterId: counter })).toBeDefined()
    await deactivate()
    expect(await as(core, A, 'auth:session', {})).toBeNull()
    expect(await as(core, B, 'auth:session', {})).toBeNull()
    expect(await errorCode(core.invoke('queue:callNext', { counterId: counter }, A))).toBe('FORBIDDEN')
    // The same answer as a disabled account, even with the right PIN.
    expect(await as(core, A, 'auth:login', { accountId, pin: PIN })).toEqual({ status: 'disabled' })
    const history = await as(core, IT, 'admin:config', {})
    expect(history.assignments.filter((a) => a.counterId === counter && a.endsAt === null)).toEqual([])
  })

  it('refuses counter work to an inactive officer whose session and assignment were somehow left open', async () => {
    const { core, counter, officer } = await setup()
    // Deactivate behind core's back (as an older version or a restored backup could leave it).
    const db = new Database(core.dbFile)
    db.prepare('UPDATE officers SET active = 0 WHERE id = ?').run(officer.id)
    db.close()
    expect(await errorCode(core.invoke('queue:callNext', { counterId: counter }, A))).toBe('FORBIDDEN')
  })

  it('a PIN reset ends the officer sessions in every window', async () => {
    const { core, officer, accountId } = await setup()
    await as(core, IT, 'auth:setOfficerPin', { officerId: officer.id, pin: '975310' })
    expect(await as(core, A, 'auth:session', {})).toBeNull()
    expect(await as(core, B, 'auth:session', {})).toBeNull()
    expect(await as(core, A, 'auth:login', { accountId, pin: '975310' })).toMatchObject({ status: 'ok' })
  })

  it('auth:disable ends the sessions and refuses login until IT unlocks the account', async () => {
    const { core, accountId } = await setup()
    expect(await as(core, IT, 'auth:disable', { accountId })).toMatchObject({ disabled: true })
    expect(await as(core, A, 'auth:session', {})).toBeNull()
    expect(await as(core, A, 'auth:login', { accountId, pin: PIN })).toEqual({ status: 'disabled' })
    await as(core, IT, 'auth:unlock', { accountId })
    expect(await as(core, A, 'auth:login', { accountId, pin: PIN })).toMatchObject({ status: 'ok' })
  })

  it('auth:disable refuses the calling admin and the last enabled admin', async () => {
    const { core, adminId } = await setup()
    expect(await errorCode(core.invoke('auth:disable', { accountId: adminId }, IT))).toBe('CONFLICT')
    const second = await as(core, IT, 'auth:addAdmin', { displayName: 'Lãnh đạo', pin: '111222' })
    // Log in as the second admin and disable the first: allowed, two were enabled.
    expect(await as(core, B, 'auth:login', { accountId: second.id, pin: '111222' })).toMatchObject({ status: 'ok' })
    expect(await as(core, B, 'auth:disable', { accountId: adminId })).toMatchObject({ disabled: true })
    expect(await as(core, IT, 'auth:session', {})).toBeNull()
    // Now the second is the last enabled admin: an officer session cannot try, and the rule holds from core.
    expect(await errorCode(core.invoke('auth:disable', { accountId: second.id }, B))).toBe('CONFLICT')
  })

  it('auth:setAdminPin replaces an admin PIN, ends that admin elsewhere, and never logs the PIN', async () => {
    const { core, adminId } = await setup()
    const second = await as(core, IT, 'auth:addAdmin', { displayName: 'Lãnh đạo', pin: '111222' })
    expect(await as(core, B, 'auth:login', { accountId: second.id, pin: '111222' })).toMatchObject({ status: 'ok' })
    await as(core, IT, 'auth:setAdminPin', { accountId: second.id, pin: '864200' })
    expect(await as(core, B, 'auth:session', {})).toBeNull()
    expect(await as(core, B, 'auth:login', { accountId: second.id, pin: '864200' })).toMatchObject({ status: 'ok' })
    // Own PIN: this window stays logged in.
    await as(core, IT, 'auth:setAdminPin', { accountId: adminId, pin: '864201' })
    expect(await as(core, IT, 'auth:session', {})).toMatchObject({ accountId: adminId })
    expect(await errorCode(core.invoke('auth:setAdminPin', { accountId: 999, pin: '864201' }, IT))).toBe('NOT_FOUND')
    const log = await as(core, IT, 'audit:list', { limit: 1000, before: null, from: null, to: null, action: 'auth.set_admin_pin' })
    expect(log).toHaveLength(2)
    expect(JSON.stringify(log)).not.toMatch(/86420/)
  })
})

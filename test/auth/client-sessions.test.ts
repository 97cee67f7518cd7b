import { describe, expect, it, vi } from 'vitest'
import { MAX_SESSIONS, SESSION_MAX_MS } from '../../electron/core/auth/auth-service'
import type { Core } from '../../electron/core/core'
import { createDispatch, type CallContext, type Handlers } from '../../electron/core/dispatch'
import type { CallName } from '../../shared/channels'
import type { CallOutput } from '../../shared/contract'
import { fixedClock, OTHER_CLIENT, testCore, TEST_CLIENT } from '../helpers/core'
import { CITIZEN, fixedGate } from '../helpers/gate'
import { happyRating } from '../helpers/ratings'
import { errorCode, query, value } from '../queue/helpers'
import { ADMIN_PIN, cheapCost, givePin } from './helpers'

const PIN = '135790'
/** Client A: the officer's counter-controls window. Client B: the citizen-facing screen beside it. */
const A = TEST_CLIENT
const B = OTHER_CLIENT

async function as<C extends CallName>(core: Core, client: CallContext, channel: C, input: unknown): Promise<CallOutput<C>> {
  return value<CallOutput<C>>(core.invoke(channel, input, client))
}

/** The demo kiosk with a PIN for counter 3's officer (counter 3 serves field B); IT is logged out again. */
async function setup() {
  const clock = fixedClock()
  const core = testCore({ clock, pinCost: cheapCost })
  const overview = await as(core, A, 'centre:overview', {})
  const three = overview.counters.find((c) => c.number === 3)
  const fieldB = overview.fields.find((f) => f.prefix === 'B')?.id
  if (!three?.officer || fieldB === undefined) throw new Error('demo centre changed')
  const accountId = await givePin(core, three.officer.id, PIN)
  const login = async (client: CallContext) => {
    const result = await as(core, client, 'auth:login', { accountId, pin: PIN })
    if (result.status !== 'ok') throw new Error(`officer login: ${result.status}`)
  }
  return { core, clock, overview, counter: three.id, officerId: three.officer.id, fieldB, accountId, login }
}

describe('staff sessions are per client', () => {
  it('lets the citizen screen rate the ticket the officer on the other window just completed', async () => {
    const { core, counter, fieldB, officerId, accountId, login } = await setup()
    const ticket = await as(core, B, 'queue:take', { fieldId: fieldB, priorityGroup: null })
    await login(A)
    // The citizen screen holds no session, so it cannot work the counter.
    expect(await errorCode(core.invoke('queue:callNext', { counterId: counter }, B))).toBe('FORBIDDEN')
    for (const channel of ['queue:callNext', 'queue:serve', 'queue:complete'] as const) {
      await as(core, A, channel, { counterId: counter })
    }
    // The officer's own window is the staff area: no rating from there, even of this ticket.
    expect(await errorCode(core.invoke('rating:submit', happyRating(ticket.uid), A))).toBe('FORBIDDEN')
    const receipt = await as(core, B, 'rating:submit', happyRating(ticket.uid))
    expect(receipt.seq).toBeGreaterThan(0)
    const stored = query<{ officer_id: number }>(core.dbFile, 'SELECT officer_id FROM ratings')
    expect(stored).toEqual([{ officer_id: officerId }])
    // The officer is still logged in on A (no PIN per citizen) and the queue audit names them.
    expect(await as(core, A, 'auth:session', {})).toMatchObject({ accountId, role: 'officer' })
    const actors = query<{ actor_id: number }>(core.dbFile, "SELECT actor_id FROM audit_log WHERE action LIKE 'queue.%'")
    expect(actors.map((a) => a.actor_id)).toEqual([accountId, accountId, accountId])
  })

  it('keeps the first window logged in when someone logs in on a second one; logout ends only the caller', async () => {
    const { core, accountId, login } = await setup()
    await login(A)
    expect(await as(core, B, 'auth:login', { accountId: await adminId(core), pin: ADMIN_PIN })).toMatchObject({
      status: 'ok',
    })
    expect(await as(core, A, 'auth:session', {})).toMatchObject({ accountId, role: 'officer' })
    expect(await as(core, B, 'auth:session', {})).toMatchObject({ role: 'admin' })
    // Each call is checked against its caller's own session and role.
    expect(await errorCode(core.invoke('auth:list', {}, A))).toBe('FORBIDDEN')
    expect(await errorCode(core.invoke('auth:list', {}, B))).toBe('ok')
    expect(await as(core, B, 'auth:logout', {})).toEqual({ loggedOut: true })
    expect(await as(core, B, 'auth:session', {})).toBeNull()
    expect(await as(core, A, 'auth:session', {})).toMatchObject({ accountId })
    const replaced = query<{ n: number }>(core.dbFile, "SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%replaced%'")
    expect(replaced).toEqual([{ n: 0 }])
  })

  it('replaces the session of the same client on a second login, and says so in the audit log', async () => {
    const { core, accountId, login } = await setup()
    await login(A)
    await login(A)
    const entries = query<{ actor_id: number; detail: string }>(
      core.dbFile,
      "SELECT actor_id, detail FROM audit_log WHERE action = 'auth.logout' AND detail LIKE '%replaced%'",
    )
    expect(entries).toEqual([{ actor_id: accountId, detail: expect.stringContaining('"replaced":true') }])
  })

  it('runs the idle and 15-minute limits per client: touching one window keeps only that one alive', async () => {
    const { core, clock, login } = await setup()
    await login(A)
    clock.advance(30_000)
    await login(B)
    clock.advance(29_000)
    expect(await as(core, B, 'auth:touch', {})).not.toBeNull()
    clock.advance(1_000) // A: 60 s without a touch
    expect(await as(core, A, 'auth:session', {})).toBeNull()
    expect(await as(core, B, 'auth:session', {})).not.toBeNull()

    await login(A)
    const aStarted = clock.now()
    clock.advance(30_000)
    expect(await as(core, A, 'auth:touch', {})).not.toBeNull()
    await login(B) // B's 15 minutes end 30 s after A's
    while (clock.now() < aStarted + SESSION_MAX_MS - 30_000) {
      clock.advance(30_000)
      expect(await as(core, A, 'auth:touch', {})).not.toBeNull()
      expect(await as(core, B, 'auth:touch', {})).not.toBeNull()
    }
    clock.advance(30_000)
    expect(await as(core, A, 'auth:touch', {})).toBeNull()
    expect(await as(core, B, 'auth:touch', {})).not.toBeNull()
  })

  it(`holds at most ${MAX_SESSIONS} sessions: the oldest gives way first`, async () => {
    const { core, clock, accountId, login } = await setup()
    const clients = Array.from({ length: MAX_SESSIONS + 1 }, (_, i): CallContext => ({ clientId: `wc:${i + 1}` }))
    for (const client of clients) {
      await login(client)
      clock.advance(1_000)
    }
    expect(await as(core, clients[0] as CallContext, 'auth:session', {})).toBeNull()
    for (const client of clients.slice(1)) {
      expect(await as(core, client, 'auth:session', {}), client.clientId).toMatchObject({ accountId })
    }
    const expired = query<{ detail: string }>(core.dbFile, "SELECT detail FROM audit_log WHERE action = 'auth.expired'")
    expect(expired).toEqual([{ detail: expect.stringContaining('too many sessions') }])
  })

  it('locks the account, not the client: wrong PINs from five windows lock it for a sixth', async () => {
    const { core, accountId } = await setup()
    for (let i = 1; i <= 5; i++) {
      await as(core, { clientId: `wc:${i}` }, 'auth:login', { accountId, pin: '000000' })
    }
    const sixth = await as(core, { clientId: 'wc:6' }, 'auth:login', { accountId, pin: PIN })
    expect(sixth.status).toBe('locked')
    expect(await as(core, { clientId: 'wc:6' }, 'auth:session', {})).toBeNull()
  })

  it('logs every window out after a restore replaced the accounts', async () => {
    const { core, login } = await setup()
    await login(A)
    await as(core, B, 'auth:login', { accountId: await adminId(core), pin: ADMIN_PIN })
    const backup = await as(core, B, 'backup:now', { folder: null })
    const name = backup.file.split(/[\\/]/).pop() ?? ''
    await as(core, B, 'backup:restore', { name, confirm: true })
    expect(await as(core, A, 'auth:session', {})).toBeNull()
    expect(await as(core, B, 'auth:session', {})).toBeNull()
  })
})

describe('the call context', () => {
  it.each([
    ['missing', undefined],
    ['empty', { clientId: '' }],
    ['too long', { clientId: 'x'.repeat(81) }],
    ['with odd characters', { clientId: 'wc:1\n' }],
    ['with extra keys', { clientId: 'wc:1', role: 'admin' }],
  ])('refuses a %s client id with BAD_INPUT and never runs the handler', async (_name, context) => {
    const handler = vi.fn(() => ({ recorded: true as const }))
    const handlers = { 'diagnostics:report': handler } as unknown as Handlers
    const log = { error: vi.fn(), info: vi.fn() }
    const dispatch = createDispatch({ handlers, log, gate: fixedGate(CITIZEN) })
    const result = await dispatch('diagnostics:report', { message: 'x', screen: 'home' }, context)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('hands the parsed context to the handler', async () => {
    const handler = vi.fn(() => ({ recorded: true as const }))
    const handlers = { 'diagnostics:report': handler } as unknown as Handlers
    const log = { error: vi.fn(), info: vi.fn() }
    const dispatch = createDispatch({ handlers, log, gate: fixedGate(CITIZEN) })
    await dispatch('diagnostics:report', { message: 'x', screen: 'home' }, { clientId: 'web:1' })
    expect(handler).toHaveBeenCalledWith(expect.anything(), { clientId: 'web:1', caller: CITIZEN })
  })
})

async function adminId(core: Core): Promise<number> {
  const directory = await as(core, A, 'auth:accounts', {})
  const admin = directory.accounts.find((a) => a.role === 'admin')
  if (!admin) throw new Error('no admin')
  return admin.id
}

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CALLS, type CallName } from '../../shared/channels'
import { contract } from '../../shared/contract'
import {
  CALLER_ROLES,
  DEVICE_ROLES,
  counterStaff,
  isAccessRule,
  itOnly,
  type AccessRule,
  type CallerRole,
} from '../../shared/contracts/access'
import { NoInputSchema, call } from '../../shared/contracts/call'
import type { Core } from '../../electron/core/core'
import type * as HandlersModule from '../../electron/core/handlers'
import type { CallContext } from '../../electron/core/dispatch'
import { ADMIN_PIN, cheapCost, givePin, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { MINIMAL_INPUTS } from '../helpers/minimal-inputs'
import { tempDir } from '../helpers/temp-dir'

// Every handler core builds is wrapped to record that it ran; it still does its real work.
const ran = vi.hoisted(() => new Set<string>())
vi.mock('../../electron/core/handlers', async (importOriginal) => {
  const real = await importOriginal<typeof HandlersModule>()
  const createHandlers: typeof real.createHandlers = (deps) => {
    const handlers = real.createHandlers(deps) as Record<string, (...args: unknown[]) => unknown>
    const spied = Object.entries(handlers).map(([name, run]) => [name, (...args: unknown[]) => (ran.add(name), run(...args))])
    return Object.fromEntries(spied) as unknown as ReturnType<typeof real.createHandlers>
  }
  return { ...real, createHandlers }
})

/**
 * The calls a screen without a staff session may make. Written out, not derived from the rules: opening another
 * call to citizens must be a decision someone makes in this list too.
 */
const CITIZEN_CALLS: readonly CallName[] = [
  'app:info',
  'centre:overview',
  'diagnostics:report',
  // A client PC's shell asks which update channel its hub follows (a channel name, nothing more).
  'updates:channel',
  'rating:form',
  'rating:lookup',
  'rating:recent',
  'rating:open',
  'rating:submit',
  'rating:dismiss',
  'queue:board',
  'queue:options',
  'queue:take',
  'sync:status',
  'auth:accounts',
  'auth:login',
  'auth:setup',
  'auth:logout',
  'auth:session',
  'auth:touch',
  // The hub's own screens only (never over the LAN): an unpaired client PC's first screen pairs with the one-time
  // code, which is the authority; the hub itself answers that it is the hub.
  'link:status',
  'link:pair',
  'link:discover',
]

const OFFICER_PIN_1 = '314159'
const OFFICER_PIN_2 = '271828'

interface Who {
  label: string
  client: CallContext
  role: CallerRole
  /** The counter an officer sits at (every counter-bound input in MINIMAL_INPUTS names counter 1). */
  counter: number | null
  /** Who logs in on this client before the calls (the device's own staff session), if anyone. */
  login?: 'officer-1' | 'admin'
}

/** A paired PC of the centre network, as the hub server hands it to core after checking its credential. */
const device = (n: number, role: (typeof DEVICE_ROLES)[number], counterId: number | null): NonNullable<CallContext['device']> => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  role,
  counterId,
})

const CALLERS: readonly Who[] = [
  { label: 'citizen (no session)', client: { clientId: 'table:citizen' }, role: 'citizen', counter: null },
  { label: 'officer of counter 1', client: { clientId: 'table:officer-1' }, role: 'officer', counter: 1 },
  { label: 'officer of counter 2', client: { clientId: 'table:officer-2' }, role: 'officer', counter: 2 },
  { label: 'IT (admin)', client: { clientId: 'table:admin' }, role: 'admin', counter: null },
  // The centre network's devices: every role, citizens at the public ones, staff logged in at the staff ones.
  { label: 'board device', client: { clientId: 'lan:board', device: device(1, 'board', null) }, role: 'citizen', counter: null },
  { label: 'lobby device', client: { clientId: 'lan:lobby', device: device(2, 'lobby', null) }, role: 'citizen', counter: null },
  {
    label: 'counter screen of counter 1',
    client: { clientId: 'lan:screen-1', device: device(3, 'counter-screen', 1) },
    role: 'citizen',
    counter: null,
  },
  {
    label: 'console of counter 1, its officer logged in',
    client: { clientId: 'lan:console-1', device: device(4, 'console', 1) },
    role: 'officer',
    counter: 1,
    login: 'officer-1',
  },
  {
    label: 'console of counter 2, IT logged in (never acts on counter 1)',
    client: { clientId: 'lan:console-2', device: device(5, 'console', 2) },
    role: 'admin',
    counter: null,
    login: 'admin',
  },
  {
    label: 'admin client, IT logged in',
    client: { clientId: 'lan:admin-client', device: device(6, 'admin-client', null) },
    role: 'admin',
    counter: null,
    login: 'admin',
  },
]

const ruleOf = (channel: CallName): AccessRule => contract[channel].access

/** What the rule promises this caller, given that counter-bound inputs name counter 1. */
function admits(rule: AccessRule, who: Who): boolean {
  if (!rule.roles.includes(who.role)) return false
  const paired = who.client.device
  if (paired !== undefined && !rule.devices.includes(paired.role)) return false
  if (!rule.atCounter) return true
  if (paired !== undefined && paired.counterId !== null && paired.counterId !== 1) return false
  return who.role === 'admin' || who.counter === 1
}

/** A prepared kiosk: officers of counters 1 and 2 with PINs. Each call gets a fresh copy of it. */
let prepared = ''
let officers: [number, number] = [0, 0]

beforeAll(async () => {
  // Outlives the per-test temp folders: every test copies it.
  prepared = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-access-'))
  const core = testCore({ dataDir: prepared, pinCost: cheapCost })
  const overview = await core.invoke('centre:overview', {}, TEST_CLIENT)
  if (!overview.ok) throw new Error('no overview')
  const { counters } = overview.value as { counters: { number: number; officer: { id: number } | null }[] }
  const officerAt = (n: number) => counters.find((c) => c.number === n)?.officer?.id ?? 0
  officers = [await givePin(core, officerAt(1), OFFICER_PIN_1), await givePin(core, officerAt(2), OFFICER_PIN_2)]
  await loginAdmin(core) // creates the admin on this new kiosk, then logs out: its account is in the file
  await core.invoke('auth:logout', {}, TEST_CLIENT)
  core.close()
})
afterAll(() => fs.rmSync(prepared, { recursive: true, force: true }))

async function kioskWithCallers(): Promise<Core> {
  const dataDir = tempDir()
  fs.cpSync(prepared, dataDir, { recursive: true })
  const core = testCore({ dataDir, pinCost: cheapCost })
  const login = async (who: Who, accountId: number, pin: string) => {
    const result = await core.invoke('auth:login', { accountId, pin }, who.client)
    expect(result).toMatchObject({ ok: true, value: { status: 'ok' } })
  }
  const directory = await core.invoke('auth:accounts', {}, TEST_CLIENT)
  const adminId = directory.ok ? (directory.value as { accounts: { id: number; role: string }[] }).accounts.find((a) => a.role === 'admin')?.id : undefined
  await login(CALLERS[1]!, officers[0], OFFICER_PIN_1)
  await login(CALLERS[2]!, officers[1], OFFICER_PIN_2)
  await login(CALLERS[3]!, adminId ?? 0, ADMIN_PIN)
  for (const who of CALLERS) {
    if (who.login === 'officer-1') await login(who, officers[0], OFFICER_PIN_1)
    if (who.login === 'admin') await login(who, adminId ?? 0, ADMIN_PIN)
  }
  return core
}

describe('the access table', () => {
  it('gives every call a well-formed rule', () => {
    const missing = CALLS.filter((c) => !isAccessRule((contract as Record<string, { access?: unknown }>)[c]?.access))
    expect(missing).toEqual([])
  })

  it('opens exactly the listed calls to citizens, and the three findings of the issue to IT only', () => {
    expect(CALLS.filter((c) => ruleOf(c).roles.includes('citizen'))).toEqual(CITIZEN_CALLS)
    for (const c of ['sync:now', 'system:events'] as const) expect(ruleOf(c).roles).toEqual(['admin'])
    const syncCalls = CALLS.filter((c) => c.startsWith('sync:') && c !== 'sync:status')
    expect(syncCalls.filter((c) => ruleOf(c).roles.join() !== 'admin')).toEqual([])
  })

  // The whole channel list × every kind of caller, against a real core on a real SQLite file.
  it.each(CALLS.map((c) => [c]))('%s: refuses every caller its rule does not name, before the handler runs', async (channel) => {
    const rule = ruleOf(channel)
    // Refused callers share one kiosk (nothing they do may change it); each allowed caller gets a fresh one, so
    // one caller's call (a new admin PIN ends the other admin sessions) cannot change what the next one sees.
    const shared = await kioskWithCallers()
    for (const who of CALLERS) {
      const allowed = admits(rule, who)
      const core = allowed ? await kioskWithCallers() : shared
      ran.clear()
      const result = await core.invoke(channel, MINIMAL_INPUTS[channel], who.client)
      const code = result.ok ? 'ok' : result.error.code
      if (allowed) {
        // Allowed: past access and parsing to the handler, which may still refuse for reasons of state.
        expect({ who: who.label, code }).not.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|BAD_INPUT|UNKNOWN_CALL|INTERNAL)$/) })
        expect({ who: who.label, ran: ran.has(channel) }).toEqual({ who: who.label, ran: true })
      } else {
        expect({ who: who.label, code }).toEqual({ who: who.label, code: 'FORBIDDEN' })
        expect({ who: who.label, ran: ran.has(channel) }).toEqual({ who: who.label, ran: false })
      }
    }
  })

  it('does not compile a call without a rule, nor a counter rule on an input that names no counter', () => {
    // @ts-expect-error: the access rule is a required argument
    const noRule = call(NoInputSchema, NoInputSchema)
    // @ts-expect-error: counterStaff checks the input's counterId, which this input does not have
    const noCounter = call(NoInputSchema, NoInputSchema, counterStaff)
    expect([noRule.access, noCounter.access, call(NoInputSchema, NoInputSchema, itOnly).access]).toEqual([undefined, counterStaff, itOnly])
  })

  it('lists only real roles', () => {
    for (const c of CALLS) expect(ruleOf(c).roles.every((r) => CALLER_ROLES.includes(r))).toBe(true)
    for (const c of CALLS) expect(ruleOf(c).devices.every((r) => DEVICE_ROLES.includes(r))).toBe(true)
  })

  it('keeps each paired device to its few calls: a board only reads, IT work only from an admin client', () => {
    const openTo = (role: (typeof DEVICE_ROLES)[number]) => CALLS.filter((c) => ruleOf(c).devices.includes(role))
    expect(openTo('board')).toEqual(['app:info', 'centre:overview', 'diagnostics:report', 'updates:channel', 'rating:form', 'queue:board', 'queue:options', 'sync:status'])
    // IT work from an admin client, except saving the diagnostics package: the hub's own windows save the hub's;
    // an admin client answers that call itself and fetches the hub's part through `diagnostics:collect`.
    const hubScreenOnly: readonly CallName[] = ['diagnostics:package']
    for (const c of CALLS.filter((c) => ruleOf(c).roles.join() === 'admin')) {
      expect([c, ruleOf(c).devices]).toEqual([c, hubScreenOnly.includes(c) ? [] : ['admin-client']])
    }
    // The client PC's own link to the hub is never a call over the LAN.
    for (const c of ['link:status', 'link:pair', 'link:discover'] as const) expect(ruleOf(c).devices).toEqual([])
  })
})

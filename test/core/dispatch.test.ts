import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { contract } from '../../shared/contract'
import type { CentreOverview } from '../../shared/schemas/centre'
import { createDispatch, type Handlers } from '../../electron/core/dispatch'
import { AppError } from '../../electron/core/errors'
import { cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { ADMIN, CITIZEN, fixedGate } from '../helpers/gate'
import { systemEventsIn } from '../helpers/system-events'

function countEvents(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM system_events').pluck().get() as number
  } finally {
    db.close()
  }
}

describe('core.invoke', () => {
  it('answers centre:overview with the seeded demo centre in Vietnamese', async () => {
    const core = testCore()
    const result = await core.invoke('centre:overview', {}, TEST_CLIENT)
    expect(result.ok).toBe(true)
    const overview = (result.ok ? result.value : null) as CentreOverview
    expect(overview.centre.name.vi).toBe('Trung tâm Phục vụ hành chính công (bản trình diễn)')
    expect(overview.counters.map((c) => c.name.vi)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Quầy ${n}`))
    expect(overview.counters.map((c) => c.officer?.fullName)).toEqual([
      'Nguyễn Thị Hương',
      'Trần Văn Đức',
      'Lê Thị Thu Hà',
      'Phạm Minh Tuấn',
      'Hoàng Thị Ngọc Ánh',
      'Võ Quốc Bảo',
    ])
    expect(overview.fields.map((f) => `${f.prefix} ${f.name.vi}`)).toEqual([
      'A Đất đai',
      'B Tư pháp – Hộ tịch',
      'C Đăng ký kinh doanh',
      'D Xây dựng',
    ])
    expect(overview.counters[5]?.fieldIds).toHaveLength(3)
    expect(overview.kiosk.language).toBe('vi')
  })

  it('seeds only once: a second start on the same data dir keeps one centre', async () => {
    const first = testCore()
    const dataDir = first.dbFile.replace(/\/kiosk\.db$/, '')
    first.close()
    const second = testCore({ dataDir })
    const result = await second.invoke('centre:overview', {}, TEST_CLIENT)
    expect(result.ok && (result.value as CentreOverview).counters).toHaveLength(6)
    expect(systemEventsIn(second.dbFile, 'db.seeded')).toHaveLength(1)
  })

  it('records a renderer error report and pushes it as an event', async () => {
    const core = testCore()
    const pushed: unknown[] = []
    core.subscribe((event, payload) => pushed.push({ event, payload }))
    const result = await core.invoke('diagnostics:report', { message: 'Lỗi hiển thị', screen: 'home' }, TEST_CLIENT)
    expect(result).toEqual({ ok: true, value: { recorded: true } })
    expect(pushed).toEqual([
      { event: 'system:event', payload: expect.objectContaining({ kind: 'renderer.error' }) },
    ])
    expect(systemEventsIn(core.dbFile, 'renderer.error').map((e) => e.detail)).toEqual([
      expect.stringContaining('Lỗi hiển thị'),
    ])
  })

  const badInputs: [string, unknown][] = [
    ['an unknown key', { message: 'x', screen: 'home', extra: 1 }],
    ['an oversized string', { message: 'x'.repeat(501), screen: 'home' }],
    ['a missing field', { message: 'x' }],
    ['a wrong type', { message: 42, screen: 'home' }],
    ['not an object', 'message'],
  ]

  it.each(badInputs)(
    'rejects %s with BAD_INPUT and writes nothing',
    async (_label, input) => {
      const core = testCore()
      const before = countEvents(core.dbFile)
      const result = await core.invoke('diagnostics:report', input, TEST_CLIENT)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.code).toBe('BAD_INPUT')
      expect(countEvents(core.dbFile)).toBe(before)
    },
  )

  it('rejects unknown keys and out-of-range values on calls without writes too', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core) // system:events is IT's: the input is parsed only once the caller may make the call
    for (const input of [{ limit: 10, x: 1 }, { limit: 501 }, { limit: 10, kinds: ['nope'] }, undefined]) {
      const result = await core.invoke('system:events', input, TEST_CLIENT)
      expect(!result.ok && result.error.code).toBe('BAD_INPUT')
    }
    expect(await core.invoke('app:info', { anything: true }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('rejects an unknown channel', async () => {
    const core = testCore()
    const result = await core.invoke('rating:delete', {}, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
  })
})

describe('dispatch', () => {
  const log = { errors: [] as string[], error(m: string) { this.errors.push(m) }, info() {} }
  const dispatch = (handlers: Handlers, channel: string, input: unknown, gate = fixedGate(ADMIN)) =>
    createDispatch({ handlers, log, gate })(channel, input, TEST_CLIENT)
  const base = {
    'app:info': () => ({ name: 'x', version: '1', shell: 'web' as const, schemaVersion: 1 }),
  }

  it('turns an AppError into its code and an unexpected throw into INTERNAL', async () => {
    const handlers = {
      ...base,
      'system:events': () => {
        throw new AppError('NOT_FOUND', 'nothing here')
      },
      'diagnostics:report': () => {
        throw new Error('disk on fire')
      },
    } as unknown as Handlers
    expect(await dispatch(handlers, 'system:events', { limit: 1 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'nothing here' },
    })
    const internal = await dispatch(handlers, 'diagnostics:report', { message: 'm', screen: 's' })
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(!internal.ok && internal.error.message).not.toContain('disk on fire')
    expect(log.errors.some((m) => m.includes('diagnostics:report'))).toBe(true)
  })

  it('refuses to return a value outside the output schema', async () => {
    const handlers = { ...base, 'app:info': () => ({ name: 'x', secret: 'leak' }) } as unknown as Handlers
    const result = await dispatch(handlers, 'app:info', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('refuses a caller outside the rule with FORBIDDEN before parsing: bad input from them is not even read', async () => {
    const handler = vi.fn(() => [])
    const handlers = { 'system:events': handler } as unknown as Handlers
    const citizen = await dispatch(handlers, 'system:events', { limit: 'lots', sneaky: true }, fixedGate(CITIZEN))
    expect(citizen).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const admin = await dispatch(handlers, 'system:events', { limit: 'lots', sneaky: true })
    expect(admin).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('denies by default: a contract entry without a rule is refused for every caller, even IT', async () => {
    const handler = vi.fn(() => ({ name: 'x', version: '1', shell: 'web' as const, schemaVersion: 1 }))
    const handlers = { 'app:info': handler } as unknown as Handlers
    const { access: _rule, ...withoutRule } = contract['app:info']
    for (const [label, entry] of [
      ['no rule', withoutRule],
      ['an empty rule', { ...withoutRule, access: { roles: [], atCounter: false, touch: false } }],
      ['a rule naming no known role', { ...withoutRule, access: { roles: ['anyone'], atCounter: false, touch: false } }],
    ] as const) {
      const calls = { ...contract, 'app:info': entry }
      for (const gate of [fixedGate(CITIZEN), fixedGate(ADMIN)]) {
        const result = await createDispatch({ handlers, log, gate, calls })('app:info', {}, TEST_CLIENT)
        expect({ label, result }).toMatchObject({ label, result: { ok: false, error: { code: 'FORBIDDEN' } } })
      }
    }
    expect(handler).not.toHaveBeenCalled()
    // The same handler with the real rule runs: the refusal came from the missing rule alone.
    expect(await dispatch(handlers, 'app:info', {}, fixedGate(CITIZEN))).toMatchObject({ ok: true })
  })

  it("extends the staff session only for staff calls someone makes at the screen, never for pushed refreshes", async () => {
    const ok = () => ({ current: null, callable: 0, waiting: 0 })
    const handlers = { 'auth:list': () => [], 'queue:counter': ok, 'centre:overview': vi.fn() } as unknown as Handlers
    const gate = fixedGate(ADMIN)
    await dispatch(handlers, 'auth:list', {}, gate)
    expect(gate.touched).toEqual([TEST_CLIENT.clientId])
    await dispatch(handlers, 'queue:counter', { counterId: 1 }, gate)
    await dispatch(handlers, 'centre:overview', {}, gate)
    await dispatch(handlers, 'auth:list', { extra: 1 }, gate) // refused input: nobody did anything
    expect(gate.touched).toHaveLength(1)
  })
})

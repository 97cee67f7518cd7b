import { describe, expect, it } from 'vitest'
import { SESSION_MAX_MS } from '../../electron/core/auth/auth-service'
import { lockoutAfter } from '../../electron/core/auth/lockout'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { ADMIN_PIN, call, cheapCost, givePin, loginAdmin } from './helpers'

const PIN = '482915'
const WRONG = '000001'

describe('lockout schedule', () => {
  it('waits 30 s from the 5th failure, doubling, and disables at the 10th', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
      const s = lockoutAfter(n, 0)
      return s.disabled ? 'disabled' : s.lockedUntil
    })
    expect(waits).toEqual([null, null, null, null, 30_000, 60_000, 120_000, 240_000, 480_000])
    expect(lockoutAfter(10, 0)).toEqual({ disabled: true })
    expect(lockoutAfter(15, 0)).toEqual({ disabled: true })
  })
})

describe('login lockout across restarts (fake clock)', () => {
  it('locks, survives a restart, clears on success, disables at 10 until IT resets it', async () => {
    const dataDir = tempDir()
    const clock = fixedClock()
    let core = testCore({ dataDir, clock, pinCost: cheapCost })
    const accountId = await givePin(core, 1, PIN)
    const login = (pin: string) => call(core, 'auth:login', { accountId, pin })

    for (let i = 1; i <= 4; i++) expect(await login(WRONG)).toEqual({ status: 'denied' })
    expect(await login(WRONG)).toEqual({ status: 'locked', retryAt: clock.now() + 30_000 })

    core.close()
    core = testCore({ dataDir, clock, pinCost: cheapCost })
    // Still locked after the restart, even with the right PIN, and that attempt does not count.
    expect(await login(PIN)).toMatchObject({ status: 'locked' })
    clock.advance(30_000)
    expect(await login(WRONG)).toEqual({ status: 'locked', retryAt: clock.now() + 60_000 })
    clock.advance(60_000)
    expect(await login(PIN)).toMatchObject({ status: 'ok' })
    await call(core, 'auth:logout', {})

    // Success cleared the count: four more failures are again only "denied".
    for (let i = 1; i <= 4; i++) expect(await login(WRONG)).toEqual({ status: 'denied' })
    for (let n = 5; n <= 9; n++) {
      expect(await login(WRONG)).toMatchObject({ status: 'locked' })
      clock.advance(60 * 60_000)
    }
    expect(await login(WRONG)).toEqual({ status: 'disabled' })

    core.close()
    core = testCore({ dataDir, clock, pinCost: cheapCost })
    clock.advance(24 * 60 * 60_000)
    expect(await login(PIN)).toEqual({ status: 'disabled' })

    await loginAdmin(core)
    expect(await call(core, 'auth:unlock', { accountId })).toMatchObject({ failedCount: 0, disabled: false })
    await call(core, 'auth:logout', {})
    expect(await login(PIN)).toMatchObject({ status: 'ok' })
    const audit = await (async () => {
      await call(core, 'auth:logout', {})
      await loginAdmin(core)
      return call(core, 'audit:list', { limit: 200, before: null, from: null, to: null, action: null })
    })()
    const actions = audit.map((e) => e.action)
    expect(actions).toContain('auth.disabled')
    expect(actions).toContain('auth.unlock')
    expect(actions.filter((a) => a === 'auth.failed')).toHaveLength(16)
  })
})

describe('the last enabled admin (fake clock)', () => {
  it('is never disabled by wrong PINs: it stays at the longest wait, across restarts, and the right PIN works after', async () => {
    const dataDir = tempDir()
    const clock = fixedClock()
    let core = testCore({ dataDir, clock, pinCost: cheapCost })
    await loginAdmin(core)
    await call(core, 'auth:logout', {})
    const adminId = (await call(core, 'auth:accounts', {})).accounts.find((a) => a.role === 'admin')?.id ?? 0
    const login = (pin: string) => call(core, 'auth:login', { accountId: adminId, pin })
    for (let n = 1; n <= 14; n++) {
      const result = await login(WRONG)
      if (n >= 10) expect(result).toEqual({ status: 'locked', retryAt: clock.now() + 60 * 60_000 })
      clock.advance(60 * 60_000)
      if (n === 12) {
        core.close()
        core = testCore({ dataDir, clock, pinCost: cheapCost })
      }
    }
    expect(await login(ADMIN_PIN)).toMatchObject({ status: 'ok' })
  })

  it('is disabled at 10 like any account while another admin is enabled', async () => {
    const clock = fixedClock()
    const core = testCore({ clock, pinCost: cheapCost })
    await loginAdmin(core)
    const second = await call(core, 'auth:addAdmin', { displayName: 'Lãnh đạo', pin: '111222' })
    await call(core, 'auth:logout', {})
    let result = await call(core, 'auth:login', { accountId: second.id, pin: WRONG })
    for (let n = 2; n <= 10; n++) {
      clock.advance(60 * 60_000)
      result = await call(core, 'auth:login', { accountId: second.id, pin: WRONG })
    }
    expect(result).toEqual({ status: 'disabled' })
  })
})

describe('staff session', () => {
  it('ends after 60 s idle, is extended by activity, and ends 15 minutes after login whatever happens', async () => {
    const clock = fixedClock()
    const core = testCore({ clock, pinCost: cheapCost })
    const accountId = await givePin(core, 1, PIN)
    const started = await call(core, 'auth:login', { accountId, pin: PIN })
    expect(started).toMatchObject({ status: 'ok', session: { role: 'officer', expiresAt: clock.now() + 60_000 } })
    clock.advance(59_000)
    expect(await call(core, 'auth:touch', {})).not.toBeNull()
    clock.advance(59_000)
    expect(await call(core, 'auth:session', {})).not.toBeNull()
    clock.advance(1_000)
    expect(await call(core, 'auth:session', {})).toBeNull()

    await call(core, 'auth:login', { accountId, pin: PIN })
    const loginAt = clock.now()
    while (clock.now() < loginAt + SESSION_MAX_MS - 30_000) {
      clock.advance(30_000)
      expect(await call(core, 'auth:touch', {})).not.toBeNull()
    }
    clock.advance(30_000)
    expect(await call(core, 'auth:touch', {})).toBeNull()
  })

  it('checks the role in core on every protected call, and refuses ratings while staff are logged in', async () => {
    const core = testCore({ pinCost: cheapCost })
    const accountId = await givePin(core, 1, PIN)
    expect(await core.invoke('auth:list', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await call(core, 'auth:login', { accountId, pin: PIN })
    expect(await core.invoke('auth:list', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await core.invoke('auth:setOfficerPin', { officerId: 2, pin: '123456' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const rating = { ticketUid: null, counterId: 1, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
    expect(await core.invoke('rating:submit', rating, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await call(core, 'auth:logout', {})
    expect(await core.invoke('auth:setup', { displayName: 'X', pin: '123456' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })
})

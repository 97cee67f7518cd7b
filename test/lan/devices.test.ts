import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { LocalCore } from '../../electron/core/core'
import type { CallContext } from '../../electron/core/dispatch'
import { parsePairingCode } from '../../electron/core/devices/pair-code'
import { REDEEM_FAILURES_PER_WINDOW, REDEEM_WINDOW_MS, type LanInfo } from '../../electron/core/devices/device-service'
import type { PairStart } from '../../shared/schemas/devices'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { staffInvoke } from '../helpers/counter-staff'
import { demoIds } from '../queue/helpers'

const SPKI = crypto.createHash('sha256').update('a hub key').digest('base64url')
const LAN: LanInfo = { addresses: ['192.168.1.10', '127.0.0.1'], port: 8443, spki: SPKI }

function hubCore(clock = fixedClock()) {
  return { core: testCore({ clock, lan: LAN, pinCost: cheapCost }), clock }
}

async function codeFor(core: LocalCore, request: PairStart = { role: 'board', counterId: null }) {
  await loginAdmin(core)
  return call(core, 'devices:pairStart', request)
}

function redeem(core: LocalCore, secret: Buffer, credential = crypto.randomBytes(32)) {
  return {
    credential,
    attempt: () =>
      core.devices.redeem({ secret, credential, name: 'TV sảnh', appVersion: '0.1.0', address: '192.168.1.20' }),
  }
}

function secretOf(qrText: string): Buffer {
  const parsed = parsePairingCode(qrText)
  if (parsed === null) throw new Error('unparsable QR text')
  return parsed.secret
}

function auditActions(core: LocalCore): string[] {
  const db = new Database(core.dbFile, { readonly: true })
  try {
    return db.prepare("SELECT action FROM audit_log WHERE action LIKE 'device.%' ORDER BY id").pluck().all() as string[]
  } finally {
    db.close()
  }
}

describe('pairing codes', () => {
  it('the QR text and the typed short code carry the same secret, the QR the full key pin, the code its prefix', async () => {
    const { core } = hubCore()
    const ticket = await codeFor(core)
    const qr = parsePairingCode(ticket.qrText)
    const typed = parsePairingCode(`${ticket.address} ${ticket.shortCode.toLowerCase().replace(/0/g, 'o')}`)
    expect(qr).toMatchObject({ hosts: ['192.168.1.10', '127.0.0.1'], port: 8443, pin: { kind: 'full', spki: SPKI } })
    expect(typed).toMatchObject({ hosts: ['192.168.1.10'], port: 8443, pin: { kind: 'prefix' } })
    expect(typed?.secret.equals(qr?.secret ?? Buffer.alloc(0))).toBe(true)
    expect(typed?.pin.kind === 'prefix' && typed.pin.bytes.equals(Buffer.from(SPKI, 'base64url').subarray(0, 5))).toBe(true)
    expect(ticket.expiresAt).toBe(fixedClock().now() + 10 * 60_000)
  })

  it('reads nothing from garbage, never throws', () => {
    for (const text of ['', 'kiosk-pair:1?a=&p=1', '1.2.3.4:99999 AAAA-AAAA-AAAA-AAAA', 'host:80 UUUU-UUUU-UUUU-UUUU', 'x'.repeat(600)]) {
      expect(parsePairingCode(text)).toBeNull()
    }
  })
})

describe('device pairing and credentials', () => {
  it('a valid code pairs once: the device is listed, its credential works, each step is audited', async () => {
    const { core } = hubCore()
    const ticket = await codeFor(core, { role: 'counter-screen', counterId: 2 })
    const { credential, attempt } = redeem(core, secretOf(ticket.qrText))
    const device = attempt()
    expect(device).toMatchObject({ role: 'counter-screen', counterId: 2 })
    const listed = await call(core, 'devices:list', {})
    expect(listed).toEqual([expect.objectContaining({ id: device.id, name: 'TV sảnh', online: true, counterNumber: 2 })])
    expect(core.devices.authenticate(`${device.id}.${credential.toString('base64url')}`, '192.168.1.20')).toEqual(device)
    expect(core.devices.authenticate(`${device.id}.${crypto.randomBytes(32).toString('base64url')}`, 'x')).toBeNull()
    expect(core.devices.authenticate(`${crypto.randomUUID()}.${credential.toString('base64url')}`, 'x')).toBeNull()
    expect(core.devices.authenticate('garbage', 'x')).toBeNull()
    expect(auditActions(core)).toEqual(['device.pairStart', 'device.paired'])
    // Only the hash of the credential is stored.
    const db = new Database(core.dbFile, { readonly: true })
    const stored = db.prepare('SELECT credential_hash FROM devices').pluck().get() as Buffer
    db.close()
    expect(stored.equals(crypto.createHash('sha256').update(credential).digest())).toBe(true)
  })

  it('a used code, an expired code and a wrong code are refused alike', async () => {
    const { core, clock } = hubCore()
    const first = await codeFor(core)
    redeem(core, secretOf(first.qrText)).attempt()
    const reuse = redeem(core, secretOf(first.qrText)).attempt
    expect(reuse).toThrow('pairing code not valid')
    const late = await codeFor(core)
    clock.advance(10 * 60_000)
    expect(redeem(core, secretOf(late.qrText)).attempt).toThrow('pairing code not valid')
    expect(redeem(core, crypto.randomBytes(5)).attempt).toThrow('pairing code not valid')
    await loginAdmin(core) // the admin session idled out while the clock moved
    expect(await call(core, 'devices:list', {})).toHaveLength(1)
    expect(auditActions(core).filter((a) => a === 'device.pairRefused')).toHaveLength(3)
  })

  it('after too many wrong codes even the right one waits out the window', async () => {
    const { core, clock } = hubCore()
    const ticket = await codeFor(core)
    for (let i = 0; i < REDEEM_FAILURES_PER_WINDOW; i++) {
      expect(redeem(core, crypto.randomBytes(5)).attempt).toThrow('pairing code not valid')
    }
    const right = redeem(core, secretOf(ticket.qrText)).attempt
    expect(right).toThrow('pairing code not valid')
    clock.advance(REDEEM_WINDOW_MS)
    expect(right()).toMatchObject({ role: 'board' })
  })

  it('a revoked device is refused at once and its listeners hear of it; rename and move are audited', async () => {
    const { core } = hubCore()
    const ticket = await codeFor(core, { role: 'console', counterId: 1 })
    const { credential, attempt } = redeem(core, secretOf(ticket.qrText))
    const device = attempt()
    const token = `${device.id}.${credential.toString('base64url')}`
    const heard: string[] = []
    core.devices.onRevoked((id) => heard.push(id))
    expect(await call(core, 'devices:rename', { id: device.id, name: 'Bàn quầy 1' })).toMatchObject({ name: 'Bàn quầy 1' })
    expect(await call(core, 'devices:move', { id: device.id, counterId: 3 })).toMatchObject({ counterId: 3 })
    expect(await call(core, 'devices:revoke', { id: device.id })).toMatchObject({ online: false })
    expect(core.devices.authenticate(token, '192.168.1.20')).toBeNull()
    expect(heard).toEqual([device.id])
    expect(auditActions(core)).toEqual([
      'device.pairStart',
      'device.paired',
      'device.rename',
      'device.move',
      'device.revoke',
    ])
  })

  it('refuses a counter role without a counter, a board with one, and everything without an admin session', async () => {
    const { core } = hubCore()
    await loginAdmin(core)
    const bad = [
      { role: 'console', counterId: null },
      { role: 'board', counterId: 1 },
    ]
    for (const input of bad) {
      expect(await core.invoke('devices:pairStart', input, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
    await call(core, 'auth:logout', {})
    expect(await core.invoke('devices:list', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a core that does not serve the LAN gives no pairing codes', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core)
    const result = await core.invoke('devices:pairStart', { role: 'board', counterId: null }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
  })
})

describe('idempotent rating from a device', () => {
  it('the same key answers the first receipt and keeps one row; without a key the retry is ALREADY_RATED', async () => {
    const { core, clock } = hubCore()
    const ticket = await codeFor(core, { role: 'counter-screen', counterId: 3 })
    const device = redeem(core, secretOf(ticket.qrText)).attempt()
    // Served at counter 3 through the queue (IT works the counter), so counter 3's screen is offered its rating.
    const { field, counter } = await demoIds(core)
    const taken = await call(core, 'queue:take', { fieldId: field.B, priorityGroup: null })
    for (const verb of ['callNext', 'serve', 'complete']) await staffInvoke(core, `queue:${verb}`, { counterId: counter[3] })
    await call(core, 'auth:logout', {})
    clock.advance(5_000)
    const input = { ticketUid: taken.uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
    const ctx: CallContext = { clientId: `lan:${device.id}`, device, idempotencyKey: 'k'.repeat(22) }
    const first = await core.invoke('rating:submit', input, ctx)
    const retry = await core.invoke('rating:submit', input, ctx)
    expect(first.ok).toBe(true)
    expect(retry).toEqual(first)
    const other = await core.invoke('rating:submit', input, { ...ctx, idempotencyKey: 'j'.repeat(22) })
    expect(other).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } })
    const db = new Database(core.dbFile, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(1)
    expect(db.prepare("SELECT mode FROM ratings").pluck().get()).toBe('counter')
    db.close()
  })
})

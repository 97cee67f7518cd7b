import crypto from 'node:crypto'
import {
  COUNTER_ROLES,
  PAIRING_TTL_MS,
  type Device,
  type DeviceRole,
  type PairingTicket,
  type PairStart,
} from '../../../shared/schemas/devices'
import { appendAudit, type Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import { getCounterNumber } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import {
  getDevice,
  insertDevice,
  insertPairingCode,
  listDeviceRows,
  liveCodes,
  markCodeUsed,
  toDevice,
  type DeviceRow,
} from './device-repo'
import { formatQrText, formatShortCode, SECRET_BYTES } from './pair-code'

/** Where the hub listens, as pairing codes tell clients; absent when this core is not serving the LAN. */
export interface LanInfo {
  addresses: string[]
  port: number
  spki: string
}

/** The device a LAN call comes from, as the hub server authenticated it. */
export interface DeviceAuth {
  id: string
  role: DeviceRole
  counterId: number | null
}

export interface RedeemRequest {
  /** The 40-bit one-time secret from the code. */
  secret: Buffer
  /** The client's own 32-byte credential secret: the hub keeps only its SHA-256. */
  credential: Buffer
  name: string
  appVersion: string
  address: string
}

export interface DeviceService {
  startPairing(actor: Actor, request: PairStart): PairingTicket
  redeem(request: RedeemRequest): DeviceAuth
  /** `<deviceId>.<base64url secret>` → the device, or null (unknown, wrong secret, revoked — all alike). */
  authenticate(credential: string, address: string): DeviceAuth | null
  list(): Device[]
  /** What a paired PC says it runs now (each event stream it opens); a change is stored and audited. */
  reportVersion(id: string, appVersion: string): void
  rename(actor: Actor, id: string, name: string): Device
  move(actor: Actor, id: string, counterId: number): Device
  revoke(actor: Actor, id: string): Device
  /** Called with a device id the moment it is revoked: the hub server closes its streams. */
  onRevoked(listener: (deviceId: string) => void): () => void
  /** Called once a move is committed: the hub server tells that PC its new counter at once. */
  onMoved(listener: (device: DeviceAuth) => void): () => void
}

/**
 * Every window of a paired PC calls with a client id under this prefix (the hub server adds a hash of the window):
 * the staff sessions of a device are the ones whose client id starts with it.
 */
export function deviceClientPrefix(deviceId: string): string {
  return `lan:${deviceId}:`
}

export { PAIRING_TTL_MS }
/** Seen within this long → online. Clients hold an event stream with a heartbeat every 2 s. */
export const ONLINE_MS = 10_000
/** last_seen_at is written at most this often per device (the online flag itself is kept in memory). */
const SEEN_WRITE_MS = 60_000
/** Failed redeems allowed per window, all sources together (see pair-code.ts for the arithmetic). */
export const REDEEM_FAILURES_PER_WINDOW = 10
export const REDEEM_WINDOW_MS = 60_000

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest()
const CREDENTIAL = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/
/** Compared against when the device id is unknown, so an unknown id costs the same as a wrong secret. */
const DUMMY_HASH = sha256('no such device')

export function createDeviceService(deps: { db: Db; clock: Clock; lan: LanInfo | null }): DeviceService {
  const { db, clock } = deps
  const seen = new Map<string, number>()
  const revokedListeners = new Set<(id: string) => void>()
  const movedListeners = new Set<(device: DeviceAuth) => void>()
  let failures: number[] = []

  const audit = (actor: Actor, action: string, target: string, detail: Record<string, unknown> = {}) =>
    appendAudit(db, clock.now(), actor, { action, target, detail })

  const view = (row: DeviceRow): Device => {
    const last = Math.max(seen.get(row.id) ?? 0, row.last_seen_at ?? 0)
    return toDevice({ ...row, last_seen_at: last || row.last_seen_at }, clock.now() - last <= ONLINE_MS)
  }

  const mustGet = (id: string): DeviceRow => {
    const row = getDevice(db, id)
    if (row === null) throw new AppError('NOT_FOUND', 'no such device')
    return row
  }

  const checkCounter = (role: DeviceRole, counterId: number | null) => {
    if (COUNTER_ROLES.has(role) !== (counterId !== null)) {
      throw new AppError('BAD_INPUT', COUNTER_ROLES.has(role) ? `a ${role} needs a counter` : `a ${role} has no counter`)
    }
    if (counterId !== null && getCounterNumber(db, counterId) === null) throw new AppError('NOT_FOUND', 'no such counter')
  }

  /** Refuses while too many redeems failed recently; the refusal looks like any other to the caller. */
  const rateLimited = (now: number) => {
    failures = failures.filter((at) => now - at < REDEEM_WINDOW_MS)
    return failures.length >= REDEEM_FAILURES_PER_WINDOW
  }

  return {
    startPairing(actor, { role, counterId }) {
      const lan = deps.lan
      if (lan === null) throw new AppError('UNAVAILABLE', 'this kiosk is not serving the centre network')
      checkCounter(role, counterId)
      const now = clock.now()
      const secret = crypto.randomBytes(SECRET_BYTES)
      const expiresAt = now + PAIRING_TTL_MS
      db.transaction(() => {
        insertPairingCode(db, { secretHash: sha256(secret), role, counterId, createdAt: now, expiresAt })
        audit(actor, 'device.pairStart', role, { counterId, expiresAt })
      })()
      const address = `${lan.addresses[0] ?? '127.0.0.1'}:${lan.port}`
      return {
        qrText: formatQrText(lan.addresses, lan.port, lan.spki, secret),
        address,
        shortCode: formatShortCode(secret, lan.spki),
        role,
        counterId,
        expiresAt,
      }
    },

    redeem(request) {
      const now = clock.now()
      const refuse = (reason: string) => {
        failures.push(now)
        audit({ id: null, name: request.name }, 'device.pairRefused', request.address, { reason })
        // One answer for unknown, expired, used and rate-limited: the caller learns nothing about which.
        return new AppError('FORBIDDEN', 'pairing code not valid (ask IT for a new one)')
      }
      // Not audited: the failures that led here are, and a flood must not flood the log too.
      if (rateLimited(now)) throw new AppError('FORBIDDEN', 'pairing code not valid (ask IT for a new one)')
      const hash = sha256(request.secret)
      // Every live code is compared, in constant time, with no early exit.
      let match: ReturnType<typeof liveCodes>[number] | null = null
      for (const code of liveCodes(db, now)) {
        if (crypto.timingSafeEqual(code.secret_hash, hash) && match === null) match = code
      }
      if (match === null) throw refuse('no live code matches')
      const found = match
      const id = crypto.randomUUID()
      return db.transaction((): DeviceAuth => {
        insertDevice(db, {
          id,
          role: found.role,
          counterId: found.counter_id,
          name: request.name,
          credentialHash: sha256(request.credential),
          appVersion: request.appVersion,
          address: request.address,
          pairedAt: now,
        })
        // Two clients racing with the same code: the second finds it used, and its device row rolls back.
        if (!markCodeUsed(db, found.id, now, id)) throw refuse('code already used')
        audit({ id: null, name: request.name }, 'device.paired', id, {
          role: found.role,
          counterId: found.counter_id,
          address: request.address,
          appVersion: request.appVersion,
        })
        seen.set(id, now)
        return { id, role: found.role, counterId: found.counter_id }
      })()
    },

    authenticate(credential, address) {
      const parts = CREDENTIAL.exec(credential)
      const row = parts ? getDevice(db, parts[1] ?? '') : null
      const presented = sha256(Buffer.from(parts?.[2] ?? '', 'base64url'))
      const equal = crypto.timingSafeEqual(row?.credential_hash ?? DUMMY_HASH, presented)
      if (row === null || !equal || row.revoked_at !== null) return null
      const now = clock.now()
      seen.set(row.id, now)
      if (now - (row.last_seen_at ?? 0) >= SEEN_WRITE_MS || row.address !== address.slice(0, 64)) {
        db.prepare('UPDATE devices SET last_seen_at = ?, address = ? WHERE id = ?').run(now, address.slice(0, 64), row.id)
      }
      return { id: row.id, role: row.role, counterId: row.counter_id }
    },

    list: () => listDeviceRows(db).map(view),

    reportVersion(id, appVersion) {
      db.transaction(() => {
        const row = getDevice(db, id)
        if (row === null || row.revoked_at !== null || row.app_version === appVersion) return
        db.prepare('UPDATE devices SET app_version = ? WHERE id = ?').run(appVersion, id)
        audit({ id: null, name: row.name }, 'device.version', id, { from: row.app_version, to: appVersion })
      })()
    },

    rename(actor, id, name) {
      return db.transaction(() => {
        const before = mustGet(id)
        db.prepare('UPDATE devices SET name = ? WHERE id = ?').run(name, id)
        audit(actor, 'device.rename', id, { from: before.name, to: name })
        return view(mustGet(id))
      })()
    },

    move(actor, id, counterId) {
      const device = db.transaction(() => {
        const before = mustGet(id)
        if (before.revoked_at !== null) throw new AppError('CONFLICT', 'the device is revoked')
        checkCounter(before.role, counterId)
        db.prepare('UPDATE devices SET counter_id = ? WHERE id = ?').run(counterId, id)
        audit(actor, 'device.move', id, { from: before.counter_id, to: counterId })
        return view(mustGet(id))
      })()
      for (const listener of movedListeners) listener({ id: device.id, role: device.role, counterId: device.counterId })
      return device
    },

    revoke(actor, id) {
      const device = db.transaction(() => {
        const before = mustGet(id)
        if (before.revoked_at !== null) return view(before)
        db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(clock.now(), id)
        audit(actor, 'device.revoke', id, { role: before.role, name: before.name })
        return view(mustGet(id))
      })()
      seen.delete(id)
      for (const listener of revokedListeners) listener(id)
      return device
    },

    onRevoked(listener) {
      revokedListeners.add(listener)
      return () => revokedListeners.delete(listener)
    },

    onMoved(listener) {
      movedListeners.add(listener)
      return () => movedListeners.delete(listener)
    },
  }
}

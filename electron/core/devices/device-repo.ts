import { z } from 'zod'
import { DeviceRoleSchema, type Device, type DeviceRole } from '../../../shared/schemas/devices'
import type { Db } from '../db/open'

/** A device row as stored, parsed at the edge; `credentialHash` never leaves core. */
const RowSchema = z.strictObject({
  id: z.uuid(),
  role: DeviceRoleSchema,
  counter_id: z.number().int().nullable(),
  counter_number: z.number().int().nullable(),
  name: z.string(),
  credential_hash: z.instanceof(Buffer),
  app_version: z.string(),
  address: z.string(),
  paired_at: z.number().int(),
  last_seen_at: z.number().int().nullable(),
  revoked_at: z.number().int().nullable(),
})
export type DeviceRow = z.infer<typeof RowSchema>

const SELECT = `SELECT d.id, d.role, d.counter_id, c.number AS counter_number, d.name, d.credential_hash, d.app_version,
                       d.address, d.paired_at, d.last_seen_at, d.revoked_at
                  FROM devices d LEFT JOIN counters c ON c.id = d.counter_id`

export function getDevice(db: Db, id: string): DeviceRow | null {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id)
  return row === undefined ? null : RowSchema.parse(row)
}

export function listDeviceRows(db: Db): DeviceRow[] {
  return db
    .prepare(`${SELECT} ORDER BY d.revoked_at IS NOT NULL, d.role, c.number, d.name`)
    .all()
    .map((row) => RowSchema.parse(row))
}

export function toDevice(row: DeviceRow, online: boolean): Device {
  return {
    id: row.id,
    role: row.role,
    counterId: row.counter_id,
    counterNumber: row.counter_number,
    name: row.name,
    appVersion: row.app_version,
    address: row.address,
    pairedAt: row.paired_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    online: online && row.revoked_at === null,
  }
}

export interface NewDevice {
  id: string
  role: DeviceRole
  counterId: number | null
  name: string
  credentialHash: Buffer
  appVersion: string
  address: string
  pairedAt: number
}

export function insertDevice(db: Db, d: NewDevice): void {
  db.prepare(
    `INSERT INTO devices (id, role, counter_id, name, credential_hash, app_version, address, paired_at, last_seen_at)
     VALUES (@id, @role, @counterId, @name, @credentialHash, @appVersion, @address, @pairedAt, @pairedAt)`,
  ).run(d)
}

const CodeRowSchema = z.strictObject({
  id: z.number().int(),
  secret_hash: z.instanceof(Buffer),
  role: DeviceRoleSchema,
  counter_id: z.number().int().nullable(),
})
export type CodeRow = z.infer<typeof CodeRowSchema>

export function insertPairingCode(
  db: Db,
  code: { secretHash: Buffer; role: DeviceRole; counterId: number | null; createdAt: number; expiresAt: number },
): void {
  db.prepare(
    `INSERT INTO pairing_codes (secret_hash, role, counter_id, created_at, expires_at)
     VALUES (@secretHash, @role, @counterId, @createdAt, @expiresAt)`,
  ).run(code)
}

/** Codes that could still be redeemed at `now`: unused and not expired. Few at any time (one per PC being set up). */
export function liveCodes(db: Db, now: number): CodeRow[] {
  return db
    .prepare('SELECT id, secret_hash, role, counter_id FROM pairing_codes WHERE used_at IS NULL AND expires_at > ?')
    .all(now)
    .map((row) => CodeRowSchema.parse(row))
}

export function markCodeUsed(db: Db, id: number, at: number, deviceId: string): boolean {
  return db.prepare('UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL').run(at, deviceId, id)
    .changes === 1
}

import crypto from 'node:crypto'
import { z } from 'zod'
import type { ChainView, EnrollRequest } from '../../shared/schemas/upload'
import { MAX_DEAD_SEQS_IN_VIEW } from '../../shared/schemas/upload'
import { GENESIS_LINK } from '../../shared/protocol/chain'
import { macEquals } from './chain-check'
import type { CollectorDb } from './db'

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/)

export const DeviceRowSchema = z.strictObject({
  device_id: z.uuid(),
  label: z.string().max(200),
  sign_key: Hex64,
  chain_key: Hex64,
  enrolled_at: z.number().int(),
  revoked_at: z.number().int().nullable(),
  cursor_seq: z.number().int().nonnegative(),
  cursor_link: Hex64,
  cursor_key: Hex64,
  bad_seq: z.number().int().positive().nullable(),
  bad_reason: z.enum(['link', 'changed', 'seq-conflict', 'head']).nullable(),
  hb_at: z.number().int().nullable(),
  hb_seq: z.number().int().nonnegative().nullable(),
  hb_pending_from: z.number().int().positive().nullable(),
  hb_pending: z.number().int().nonnegative().nullable(),
  hb_app_version: z.string().max(50).nullable(),
  hb_sent_at: z.number().int().nullable(),
  key_cache_seq: z.number().int().nonnegative().nullable(),
  key_cache: Hex64.nullable(),
})
export type DeviceRow = z.infer<typeof DeviceRowSchema>

export function getDevice(db: CollectorDb, deviceId: string): DeviceRow | null {
  const raw = db.prepare('SELECT * FROM devices WHERE device_id = ?').get(deviceId)
  return raw === undefined ? null : DeviceRowSchema.parse(raw)
}

export function listDeviceIds(db: CollectorDb): string[] {
  return z.array(z.string().max(64)).parse(db.prepare('SELECT device_id FROM devices ORDER BY enrolled_at').pluck().all())
}

function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/** A one-time enrollment token for IT to type into one kiosk. Only its hash is stored. */
export function createEnrollmentToken(db: CollectorDb, label: string, now: number, ttlMs: number): string {
  const token = crypto.randomBytes(24).toString('base64url')
  db.prepare('INSERT INTO enrollment_tokens (token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    tokenHash(token),
    label.slice(0, 200),
    now,
    now + ttlMs,
  )
  return token
}

export type EnrollResult =
  | { ok: true; enrolledAt: number }
  | { ok: false; code: 'BAD_TOKEN' | 'DEVICE_CONFLICT'; message: string }

/**
 * Trust on first use, authorised by a one-time token. Enrolling again with the same keys succeeds (the kiosk may
 * have crashed before it recorded the answer), even with the token already spent; other keys for a known device
 * are refused — IT must revoke the old entry first.
 */
export function enrollDevice(db: CollectorDb, req: EnrollRequest, now: number): EnrollResult {
  return db
    .transaction((): EnrollResult => {
      const known = getDevice(db, req.deviceId)
      if (known !== null) {
        if (known.revoked_at === null && macEquals(known.sign_key, req.signKey) && macEquals(known.chain_key, req.chainKey)) {
          return { ok: true, enrolledAt: known.enrolled_at }
        }
        return { ok: false, code: 'DEVICE_CONFLICT', message: 'this device id is enrolled with other keys' }
      }
      const token = db
        .prepare('SELECT label, expires_at, used_at FROM enrollment_tokens WHERE token_hash = ?')
        .get(tokenHash(req.token))
      const t = z
        .strictObject({ label: z.string().max(200), expires_at: z.number().int(), used_at: z.number().int().nullable() })
        .optional()
        .parse(token)
      if (t === undefined || t.used_at !== null || t.expires_at <= now) {
        return { ok: false, code: 'BAD_TOKEN', message: 'unknown, used or expired enrollment token' }
      }
      db.prepare('UPDATE enrollment_tokens SET used_at = ?, used_by = ? WHERE token_hash = ?').run(
        now,
        req.deviceId,
        tokenHash(req.token),
      )
      db.prepare(
        `INSERT INTO devices (device_id, label, sign_key, chain_key, enrolled_at, cursor_seq, cursor_link, cursor_key)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      ).run(req.deviceId, req.label || t.label, req.signKey, req.chainKey, now, GENESIS_LINK, req.chainKey)
      return { ok: true, enrolledAt: now }
    })
    .immediate()
}

export function revokeDevice(db: CollectorDb, deviceId: string, now: number): boolean {
  return db.prepare('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(now, deviceId)
    .changes === 1
}

/**
 * The device's chain as far as the collector can tell: verified up to the cursor; the first bad seq is the
 * earliest of a permanent finding and a gap. A gap is a seq missing below something that shows it was written: a
 * later rating, or a heartbeat head above it with nothing pending from there.
 */
export function chainView(db: CollectorDb, device: DeviceRow): ChainView {
  const next = device.cursor_seq + 1
  const laterStored =
    db.prepare('SELECT 1 FROM ratings WHERE device_id = ? AND seq > ? LIMIT 1').get(device.device_id, next) !==
      undefined ||
    db.prepare('SELECT 1 FROM dead_records WHERE device_id = ? AND seq > ? LIMIT 1').get(device.device_id, next) !==
      undefined
  const headAbove =
    device.hb_seq !== null &&
    device.hb_seq > device.cursor_seq &&
    (device.hb_pending_from === null || device.hb_pending_from > next)
  const gap = laterStored || headAbove ? next : null
  const dead = deadSeqs(db, device.device_id)
  const finding =
    device.bad_seq !== null && (gap === null || device.bad_seq <= gap)
      ? { firstBadSeq: device.bad_seq, reason: device.bad_reason }
      : { firstBadSeq: gap, reason: gap === null ? null : ('gap' as const) }
  // verifiedSeq (PROTOCOL.md): seqs 1..verifiedSeq are all held and intact, so always below the first bad seq. The
  // walk's cursor goes on past a bad link (to name what follows), so it alone would claim too much.
  const verifiedSeq = finding.firstBadSeq === null ? device.cursor_seq : Math.min(device.cursor_seq, finding.firstBadSeq - 1)
  return { verifiedSeq, ...finding, ...dead }
}

/** Seqs the collector holds only as dead-lettered evidence (not as a delivered rating): count, and the lowest. */
function deadSeqs(db: CollectorDb, deviceId: string): { dead: number; deadSeqs: number[] } {
  const where = `FROM dead_records d WHERE d.device_id = ?
                 AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.device_id = d.device_id AND r.seq = d.seq)`
  const dead = z.number().int().parse(db.prepare(`SELECT count(*) ${where}`).pluck().get(deviceId))
  const seqs = z
    .array(z.number().int().positive())
    .parse(db.prepare(`SELECT d.seq ${where} ORDER BY d.seq LIMIT ?`).pluck().all(deviceId, MAX_DEAD_SEQS_IN_VIEW))
  return { dead, deadSeqs: seqs }
}

/** Records a permanent finding, keeping the earliest seq. */
export function markBad(db: CollectorDb, deviceId: string, seq: number, reason: NonNullable<DeviceRow['bad_reason']>) {
  db.prepare(
    `UPDATE devices SET bad_seq = ?, bad_reason = ? WHERE device_id = ? AND (bad_seq IS NULL OR bad_seq > ?)`,
  ).run(seq, reason, deviceId, seq)
}

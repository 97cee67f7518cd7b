import crypto from 'node:crypto'
import { z } from 'zod'
import type { ChainView, EnrollRequest } from '../../shared/schemas/upload'
import { MAX_DEAD_SEQS_IN_VIEW } from '../../shared/schemas/upload'
import { GENESIS_LINK } from '../../shared/protocol/chain'
import { macEquals } from './chain-check'
import type { Sql, Store } from './store/types'

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
  centre_id: z.string().max(64).nullable(),
})
export type DeviceRow = z.infer<typeof DeviceRowSchema>

export async function getDevice(db: Sql, deviceId: string): Promise<DeviceRow | null> {
  const raw = await db.get('SELECT * FROM devices WHERE device_id = ?', [deviceId])
  return raw === undefined ? null : DeviceRowSchema.parse(raw)
}

export async function listDeviceIds(db: Sql): Promise<string[]> {
  const rows = await db.all('SELECT device_id FROM devices ORDER BY enrolled_at, device_id')
  return rows.map((r) => z.string().max(64).parse(r.device_id))
}

function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/**
 * A one-time enrollment token for IT to type into one kiosk; the device it enrolls joins `centreId` (a centre
 * that must exist, see centres.ts) when given. Only the token's hash is stored.
 */
export async function createEnrollmentToken(
  db: Sql,
  label: string,
  now: number,
  ttlMs: number,
  centreId: string | null = null,
  token = crypto.randomBytes(24).toString('base64url'),
): Promise<string> {
  await db.run(
    'INSERT INTO enrollment_tokens (token_hash, label, created_at, expires_at, centre_id) VALUES (?, ?, ?, ?, ?)',
    [tokenHash(token), label.slice(0, 200), now, now + ttlMs, centreId],
  )
  return token
}

const TokenRowSchema = z.strictObject({
  label: z.string().max(200),
  expires_at: z.number().int(),
  used_at: z.number().int().nullable(),
  centre_id: z.string().max(64).nullable(),
})

export type EnrollResult =
  | { ok: true; enrolledAt: number }
  | { ok: false; code: 'BAD_TOKEN' | 'DEVICE_CONFLICT'; message: string }

/**
 * Trust on first use, authorised by a one-time token. Enrolling again with the same keys succeeds (the kiosk may
 * have crashed before it recorded the answer), even with the token already spent; other keys for a known device
 * are refused — IT must revoke the old entry first.
 */
export function enrollDevice(db: Pick<Store, 'tx'>, req: EnrollRequest, now: number): Promise<EnrollResult> {
  return db.tx(async (tx): Promise<EnrollResult> => {
    await tx.lockDevice(req.deviceId)
    const known = await getDevice(tx, req.deviceId)
    if (known !== null) {
      if (known.revoked_at === null && macEquals(known.sign_key, req.signKey) && macEquals(known.chain_key, req.chainKey)) {
        return { ok: true, enrolledAt: known.enrolled_at }
      }
      return { ok: false, code: 'DEVICE_CONFLICT', message: 'this device id is enrolled with other keys' }
    }
    const t = TokenRowSchema.optional().parse(
      await tx.get('SELECT label, expires_at, used_at, centre_id FROM enrollment_tokens WHERE token_hash = ?', [
        tokenHash(req.token),
      ]),
    )
    const badToken: EnrollResult = { ok: false, code: 'BAD_TOKEN', message: 'unknown, used or expired enrollment token' }
    if (t === undefined || t.used_at !== null || t.expires_at <= now) return badToken
    // `used_at IS NULL` again: two devices racing for one token each hold only their own device lock.
    const spent = await tx.run(
      'UPDATE enrollment_tokens SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL',
      [now, req.deviceId, tokenHash(req.token)],
    )
    if (spent !== 1) return badToken
    await tx.run(
      `INSERT INTO devices (device_id, label, sign_key, chain_key, enrolled_at, cursor_seq, cursor_link, cursor_key,
                            centre_id)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      [req.deviceId, req.label || t.label, req.signKey, req.chainKey, now, GENESIS_LINK, req.chainKey, t.centre_id],
    )
    return { ok: true, enrolledAt: now }
  })
}

export async function revokeDevice(db: Sql, deviceId: string, now: number): Promise<boolean> {
  return (await db.run('UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL', [now, deviceId])) === 1
}

/**
 * The device's chain as far as the collector can tell: verified up to the cursor; the first bad seq is the
 * earliest of a permanent finding and a gap. A gap is a seq missing below something that shows it was written: a
 * later rating, or a heartbeat head above it with nothing pending from there.
 */
export async function chainView(db: Sql, device: DeviceRow): Promise<ChainView> {
  const next = device.cursor_seq + 1
  const laterStored =
    (await db.value(
      `SELECT 1 FROM ratings WHERE device_id = ? AND seq > ?
       UNION ALL SELECT 1 FROM dead_records WHERE device_id = ? AND seq > ? LIMIT 1`,
      [device.device_id, next, device.device_id, next],
    )) !== undefined
  return viewFrom(device, laterStored, await deadSeqs(db, device.device_id))
}

/** The view from what is known: whether anything is stored above the next seq, and the dead-only seqs. */
export function viewFrom(device: DeviceRow, laterStored: boolean, dead: { dead: number; deadSeqs: number[] }): ChainView {
  const next = device.cursor_seq + 1
  const headAbove =
    device.hb_seq !== null &&
    device.hb_seq > device.cursor_seq &&
    (device.hb_pending_from === null || device.hb_pending_from > next)
  const gap = laterStored || headAbove ? next : null
  const finding =
    device.bad_seq !== null && (gap === null || device.bad_seq <= gap)
      ? { firstBadSeq: device.bad_seq, reason: device.bad_reason }
      : { firstBadSeq: gap, reason: gap === null ? null : ('gap' as const) }
  // verifiedSeq (PROTOCOL.md): seqs 1..verifiedSeq are all held and intact, so always below the first bad seq. The
  // walk's cursor goes on past a bad link (to name what follows), so it alone would claim too much.
  const verifiedSeq = finding.firstBadSeq === null ? device.cursor_seq : Math.min(device.cursor_seq, finding.firstBadSeq - 1)
  return { verifiedSeq, ...finding, ...dead }
}

const DeadRowSchema = z.strictObject({ seq: z.number().int().positive(), n: z.number().int() })

/** Seqs the collector holds only as dead-lettered evidence (not as a delivered rating): count, and the lowest. */
async function deadSeqs(db: Sql, deviceId: string): Promise<{ dead: number; deadSeqs: number[] }> {
  const where = `FROM dead_records d WHERE d.device_id = ?
                 AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.device_id = d.device_id AND r.seq = d.seq)`
  // One query: the window count is taken before the LIMIT, so it counts them all.
  const rows = (await db.all(`SELECT d.seq, count(*) OVER () AS n ${where} ORDER BY d.seq LIMIT ?`, [deviceId, MAX_DEAD_SEQS_IN_VIEW])).map(
    (r) => DeadRowSchema.parse(r),
  )
  return { dead: rows[0]?.n ?? 0, deadSeqs: rows.map((r) => r.seq) }
}

/** Records a permanent finding, keeping the earliest seq. */
export async function markBad(db: Sql, deviceId: string, seq: number, reason: NonNullable<DeviceRow['bad_reason']>) {
  await db.run(`UPDATE devices SET bad_seq = ?, bad_reason = ? WHERE device_id = ? AND (bad_seq IS NULL OR bad_seq > ?)`, [
    seq,
    reason,
    deviceId,
    seq,
  ])
}

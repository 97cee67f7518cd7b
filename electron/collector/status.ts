import { z } from 'zod'
import type { DeviceStatus } from '../../shared/schemas/upload'
import type { CollectorDb } from './db'
import { chainView, getDevice } from './devices'

/** One device as the collector's IT sees it (GET /v1/status, `collector status`). */
export function deviceStatus(db: CollectorDb, deviceId: string): DeviceStatus | null {
  const device = getDevice(db, deviceId)
  if (device === null) return null
  const stored = z
    .number()
    .int()
    .parse(db.prepare('SELECT count(*) FROM ratings WHERE device_id = ?').pluck().get(deviceId))
  return {
    deviceId: device.device_id,
    label: device.label,
    enrolledAt: device.enrolled_at,
    revokedAt: device.revoked_at,
    stored,
    chain: chainView(db, device),
    lastHeartbeat:
      device.hb_at === null || device.hb_seq === null
        ? null
        : {
            at: device.hb_at,
            seq: device.hb_seq,
            pending: device.hb_pending ?? 0,
            pendingFromSeq: device.hb_pending_from,
            appVersion: device.hb_app_version ?? '',
          },
  }
}

const StoredRatingSchema = z.strictObject({
  uuid: z.uuid(),
  seq: z.number().int().positive(),
  chain_ok: z.union([z.literal(0), z.literal(1)]).nullable(),
})

/** The ratings stored for a device, by seq (tests compare them with what the kiosk wrote). */
export function storedRatings(db: CollectorDb, deviceId: string): { uuid: string; seq: number; chainOk: boolean | null }[] {
  return db
    .prepare('SELECT uuid, seq, chain_ok FROM ratings WHERE device_id = ? ORDER BY seq')
    .all(deviceId)
    .map((raw) => {
      const r = StoredRatingSchema.parse(raw)
      return { uuid: r.uuid, seq: r.seq, chainOk: r.chain_ok === null ? null : r.chain_ok === 1 }
    })
}

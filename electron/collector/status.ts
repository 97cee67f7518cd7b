import { z } from 'zod'
import type { DeviceStatus } from '../../shared/schemas/upload'
import { chainView, getDevice } from './devices'
import type { Sql } from './store/types'

/** One device as the collector's IT sees it (GET /v1/status, `collector status`). */
export async function deviceStatus(db: Sql, deviceId: string): Promise<DeviceStatus | null> {
  const device = await getDevice(db, deviceId)
  if (device === null) return null
  const stored = z.number().int().parse(await db.value('SELECT count(*) FROM ratings WHERE device_id = ?', [deviceId]))
  return {
    deviceId: device.device_id,
    label: device.label,
    enrolledAt: device.enrolled_at,
    revokedAt: device.revoked_at,
    stored,
    chain: await chainView(db, device),
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
export async function storedRatings(
  db: Sql,
  deviceId: string,
): Promise<{ uuid: string; seq: number; chainOk: boolean | null }[]> {
  const rows = await db.all('SELECT uuid, seq, chain_ok FROM ratings WHERE device_id = ? ORDER BY seq', [deviceId])
  return rows.map((raw) => {
    const r = StoredRatingSchema.parse(raw)
    return { uuid: r.uuid, seq: r.seq, chainOk: r.chain_ok === null ? null : r.chain_ok === 1 }
  })
}

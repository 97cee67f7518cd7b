import { z } from 'zod'
import { SqlInt, type SqlValue } from '../signals/sql-reader'
import type { Statement } from '../store/types'
import type { WebSql } from '../web/accounts'
import { webhookUrlProblem } from './webhook-url'

/**
 * Alerts: an outbox row written in the same transaction as the event it reports (a negative rating stored, a
 * device's chain found bad) or by the periodic silence scan, then delivered to the province's webhook by
 * deliver.ts. The event key is the primary key, so an event retried, re-sent or seen by two processes is one row,
 * and `ON CONFLICT DO NOTHING` reads the same on SQLite and PostgreSQL.
 */
export const AlertKindSchema = z.enum(['negative-rating', 'tamper', 'silent-device'])
export type AlertKind = z.infer<typeof AlertKindSchema>

export interface AlertEvent {
  key: string
  kind: AlertKind
  deviceId: string
  centreId: string | null
  at: number
  /** What the receiver needs to act, without the citizen's comment text (it stays on the dashboard). */
  details: Record<string, string | number | boolean | null | string[]>
}

/** Writes through the caller's transaction handle (intake's), so the alert commits or rolls back with the event. */
export async function enqueueAlert(tx: WebSql, event: AlertEvent): Promise<void> {
  const { sql, params } = alertsInsert([event])
  await tx.run(sql, params)
}

/** One INSERT for several alerts, for intake to run with its other writes (the event key keeps each one row). */
export function alertsInsert(events: readonly AlertEvent[]): Statement {
  return {
    sql: `INSERT INTO alerts (event_key, kind, device_id, centre_id, payload, created_at, state, attempts, next_at)
          VALUES ${events.map(() => "(?, ?, ?, ?, ?, ?, 'pending', 0, ?)").join(', ')} ON CONFLICT (event_key) DO NOTHING`,
    params: events.flatMap((event) => {
      const payload = JSON.stringify({
        id: event.key,
        kind: event.kind,
        at: event.at,
        centreId: event.centreId,
        deviceId: event.deviceId,
        details: event.details,
      })
      return [event.key, event.kind, event.deviceId, event.centreId, payload, event.at, event.at]
    }),
  }
}

/** The rating, as intake has it, that may call for an alert. */
export interface StoredRatingFacts {
  deviceId: string
  centreId: string | null
  uuid: string
  level: number
  scale: number
  counterNumber: number
  officerName: string
  reasons: string[]
  hasComment: boolean
  createdAt: number
}

export function negativeRatingEvent(r: StoredRatingFacts, isNegative: (level: number, scale: number) => boolean): AlertEvent | null {
  if (!isNegative(r.level, r.scale)) return null
  return {
    key: `negative-rating:${r.deviceId}:${r.uuid}`,
    kind: 'negative-rating',
    deviceId: r.deviceId,
    centreId: r.centreId,
    at: r.createdAt,
    details: {
      ratingUuid: r.uuid,
      level: r.level,
      scale: r.scale,
      counterNumber: r.counterNumber,
      officerName: r.officerName,
      reasons: r.reasons,
      hasComment: r.hasComment,
      ratedAt: r.createdAt,
    },
  }
}

/** One alert per first bad seq: the verdict naming an earlier seq later is news again. */
export function tamperEvent(deviceId: string, centreId: string | null, badSeq: number, reason: string, now: number): AlertEvent {
  return {
    key: `tamper:${deviceId}:${badSeq}`,
    kind: 'tamper',
    deviceId,
    centreId,
    at: now,
    details: { firstBadSeq: badSeq, reason },
  }
}

const SilentRow = z.looseObject({ device_id: z.string(), label: z.string(), centre_id: z.string().nullable(), last_at: SqlInt })

/**
 * Every enrolled, unrevoked device whose last heartbeat (or enrollment, if it never sent one) is older than
 * `silentAfterMs`: one alert per silence, keyed by the last heartbeat's time, so the next silence alerts again.
 */
export async function scanSilentDevices(db: WebSql, now: number, silentAfterMs: number): Promise<number> {
  const rows = z.array(SilentRow).parse(
    await db.all(
      `SELECT device_id, label, centre_id, COALESCE(hb_at, enrolled_at) AS last_at FROM devices
        WHERE revoked_at IS NULL AND COALESCE(hb_at, enrolled_at) < ?`,
      [now - silentAfterMs],
    ),
  )
  for (const r of rows) {
    await enqueueAlert(db, {
      key: `silent-device:${r.device_id}:${r.last_at}`,
      kind: 'silent-device',
      deviceId: r.device_id,
      centreId: r.centre_id,
      at: now,
      details: { label: r.label, lastSeenAt: r.last_at, silentForMs: now - r.last_at },
    })
  }
  return rows.length
}

export const AlertStateSchema = z.enum(['pending', 'delivered'])
export const AlertRowSchema = z.looseObject({
  event_key: z.string(),
  kind: AlertKindSchema,
  device_id: z.string(),
  centre_id: z.string().nullable(),
  payload: z.string(),
  created_at: SqlInt,
  state: AlertStateSchema,
  attempts: SqlInt,
  next_at: SqlInt,
  last_error: z.string().nullable(),
  delivered_at: SqlInt.nullable(),
})
export type AlertRow = z.infer<typeof AlertRowSchema>

export async function listAlerts(db: WebSql, centreId: string | null, limit = 200): Promise<AlertRow[]> {
  const where = centreId === null ? '' : 'WHERE centre_id = ?'
  const params: SqlValue[] = centreId === null ? [limit] : [centreId, limit]
  return z.array(AlertRowSchema).parse(await db.all(`SELECT * FROM alerts ${where} ORDER BY created_at DESC LIMIT ?`, params))
}

export const AlertSettingsSchema = z.strictObject({
  /** The province's webhook policy (webhook-url.ts); the dashboard names the broken rule in the leader's language. */
  url: z
    .string()
    .refine((url) => webhookUrlProblem(url) === null, { message: 'webhook URL outside the policy (webhook-url.ts)' })
    .nullable(),
  // No control character: PostgreSQL refuses a NUL in text (a 500 on save), and none can be typed on purpose.
  secret: z.string().min(16).max(200).regex(/^\P{Cc}*$/u).nullable(),
  /** How long a device may stay silent before IT hears of it; the kiosk beats every 5 min. */
  silentAfterMinutes: z.number().int().min(10).max(7 * 24 * 60),
})
export type AlertSettings = z.infer<typeof AlertSettingsSchema>
export const DEFAULT_SILENT_MINUTES = 60

const SettingsRow = z.looseObject({ url: z.string().nullable(), secret: z.string().nullable(), silent_after_minutes: SqlInt })

export async function readAlertSettings(db: WebSql): Promise<AlertSettings> {
  const row = z.array(SettingsRow).parse(await db.all('SELECT url, secret, silent_after_minutes FROM alert_settings WHERE id = 1'))[0]
  return row === undefined
    ? { url: null, secret: null, silentAfterMinutes: DEFAULT_SILENT_MINUTES }
    : { url: row.url, secret: row.secret, silentAfterMinutes: row.silent_after_minutes }
}

export async function writeAlertSettings(db: WebSql, s: AlertSettings, now: number): Promise<void> {
  await db.run(
    `INSERT INTO alert_settings (id, url, secret, silent_after_minutes, updated_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret,
       silent_after_minutes = excluded.silent_after_minutes, updated_at = excluded.updated_at`,
    [s.url, s.secret, s.silentAfterMinutes, now],
  )
}

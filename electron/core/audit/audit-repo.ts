import { z } from 'zod'
import { AuditEntrySchema, type AuditEntry } from '../../../shared/schemas/auth'
import { IdSchema } from '../../../shared/schemas/common'
import type { Db } from '../db/open'

/** Who acted: a logged-in account, or nobody known (a failed login names only what was tried). */
export interface Actor {
  id: number | null
  name: string
}

export interface AuditRecord {
  action: string
  target?: string
  /** Never a PIN or a secret: callers pass ids, names and outcomes only. */
  detail?: Record<string, unknown>
}

/** The schema's bound on a detail: a stored row longer than this could never be listed or exported. */
export const DETAIL_MAX = AuditEntrySchema.shape.detail.maxLength ?? 4000
const TRUNCATED = '…[cắt bớt]'
/** Lists longer than this (e.g. the uuids of a requeue) are recorded as their length and first few items. */
const LIST_MAX = 10

const summarise = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.length > LIST_MAX ? { count: value.length, first: value.slice(0, 3).map(summarise) } : value.map(summarise)
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v)]))
  }
  return value
}

/**
 * The detail as stored: the full JSON when it fits, else long lists summarised, else cut with a marker. The log
 * is append-only, so a row too long for `AuditEntrySchema` would stay unreadable for good.
 */
export function auditDetail(detail: Record<string, unknown>): string {
  const full = JSON.stringify(detail)
  if (full.length <= DETAIL_MAX) return full
  const summary = JSON.stringify(summarise(detail))
  if (summary.length <= DETAIL_MAX) return summary
  return summary.slice(0, DETAIL_MAX - TRUNCATED.length) + TRUNCATED
}

/** Appends one entry. The table's triggers refuse UPDATE and DELETE, so this is the only way it changes. */
export function appendAudit(db: Db, at: number, actor: Actor, record: AuditRecord): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    at,
    actor.id,
    actor.name.slice(0, 100),
    record.action,
    (record.target ?? '').slice(0, 200),
    auditDetail(record.detail ?? {}),
  )
}

const RowSchema = z.strictObject({
  id: IdSchema,
  at: z.number().int(),
  actor_id: IdSchema.nullable(),
  actor_name: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
  target_name: z.string().nullable().catch(null),
})

/**
 * The name of a `kind:id` target as it reads now, looked up when listing (the log itself stays as written):
 * people read "Nguyễn Văn An" where the log says "account:3".
 */
const idOf = 'CAST(substr(target, instr(target, \':\') + 1) AS INTEGER)'
const TARGET_NAME = `CASE
    WHEN target LIKE 'account:%' THEN (SELECT coalesce(o.full_name, a.display_name) FROM staff_accounts a
                                         LEFT JOIN officers o ON o.id = a.officer_id WHERE a.id = ${idOf})
    WHEN target LIKE 'officer:%' THEN (SELECT full_name FROM officers WHERE id = ${idOf})
    WHEN target LIKE 'counter:%' THEN (SELECT CAST(number AS TEXT) FROM counters WHERE id = ${idOf})
    WHEN target LIKE 'field:%' THEN (SELECT name_vi FROM service_fields WHERE id = ${idOf})
  END`

export interface AuditQuery {
  limit: number
  /** Entries with a smaller id (paging backwards). */
  before: number | null
  from: number | null
  to: number | null
  action: string | null
}

/** Newest first. */
export function listAudit(db: Db, q: AuditQuery): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor_id, actor_name, action, target, detail, ${TARGET_NAME} AS target_name FROM audit_log
        WHERE (@before IS NULL OR id < @before) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
          AND (@action IS NULL OR action = @action)
        ORDER BY id DESC LIMIT @limit`,
    )
    .all(q)
  return rows.flatMap((raw) => {
    const r = RowSchema.safeParse(raw)
    const entry = r.success
      ? AuditEntrySchema.safeParse({
          id: r.data.id,
          at: r.data.at,
          actorId: r.data.actor_id,
          actorName: r.data.actor_name,
          action: r.data.action,
          target: r.data.target,
          targetName: (r.data.target_name ?? '').slice(0, 200),
          detail: r.data.detail,
        })
      : null
    if (entry?.success === true) return [entry.data]
    // One bad row (written before the detail was capped, or by hand) must not hide the whole log: it is listed as
    // unreadable, with its id and time, and the rest still shows.
    const key = UnreadableSchema.safeParse(raw)
    if (!key.success) return []
    return [{ id: key.data.id, at: key.data.at, actorId: null, actorName: '', action: UNREADABLE, target: '', targetName: '', detail: '' }]
  })
}

/** The action shown for a row that does not fit `AuditEntrySchema` (translated on the audit page). */
export const UNREADABLE = 'audit.unreadable'
const UnreadableSchema = z.object({ id: IdSchema, at: z.number().int().nonnegative().max(8.64e15).catch(0) })

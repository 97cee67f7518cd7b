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

/** Appends one entry. The table's triggers refuse UPDATE and DELETE, so this is the only way it changes. */
export function appendAudit(db: Db, at: number, actor: Actor, record: AuditRecord): void {
  db.prepare(
    'INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(at, actor.id, actor.name.slice(0, 100), record.action, record.target ?? '', JSON.stringify(record.detail ?? {}))
}

const RowSchema = z.strictObject({
  id: IdSchema,
  at: z.number().int(),
  actor_id: IdSchema.nullable(),
  actor_name: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
})

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
      `SELECT id, at, actor_id, actor_name, action, target, detail FROM audit_log
        WHERE (@before IS NULL OR id < @before) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
          AND (@action IS NULL OR action = @action)
        ORDER BY id DESC LIMIT @limit`,
    )
    .all(q)
  return rows.map((raw) => {
    const r = RowSchema.parse(raw)
    return AuditEntrySchema.parse({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      target: r.target,
      detail: r.detail,
    })
  })
}

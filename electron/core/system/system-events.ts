import { z } from 'zod'
import { EpochMsSchema, IdSchema, text } from '../../../shared/schemas/common'
import { SystemEventKindSchema, type SystemEvent, type SystemEventKind } from '../../../shared/schemas/system'
import type { Db } from '../db/open'

const SystemEventRowSchema = z.strictObject({
  id: IdSchema,
  at: EpochMsSchema,
  kind: SystemEventKindSchema,
  detail: text(4000),
})

/** Appends one event to the log IT reads (recoveries, renderer errors, …). Details longer than 4000 chars are cut. */
export function recordSystemEvent(db: Db, at: number, kind: SystemEventKind, detail: string): SystemEvent {
  const cut = detail.slice(0, 4000)
  const info = db.prepare('INSERT INTO system_events (at, kind, detail) VALUES (?, ?, ?)').run(at, kind, cut)
  return { id: Number(info.lastInsertRowid), at, kind, detail: cut }
}

/** Newest first. */
export function listSystemEvents(db: Db, limit: number, kinds?: readonly SystemEventKind[]): SystemEvent[] {
  const rows =
    kinds && kinds.length > 0
      ? db
          .prepare(
            `SELECT id, at, kind, detail FROM system_events
              WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT ?`,
          )
          .all(JSON.stringify(kinds), limit)
      : db.prepare('SELECT id, at, kind, detail FROM system_events ORDER BY id DESC LIMIT ?').all(limit)
  return rows.map((r) => SystemEventRowSchema.parse(r))
}

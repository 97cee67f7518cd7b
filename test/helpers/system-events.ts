import Database from 'better-sqlite3'

/**
 * The system log's rows of one kind, oldest first, read straight from the kiosk's SQLite file. `system:events` is
 * IT's call; tests about what was written read the file, as IT's tools would.
 */
export function systemEventsIn(dbFile: string, kind: string): { id: number; at: number; detail: string }[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT id, at, detail FROM system_events WHERE kind = ? ORDER BY id').all(kind) as {
      id: number
      at: number
      detail: string
    }[]
  } finally {
    db.close()
  }
}

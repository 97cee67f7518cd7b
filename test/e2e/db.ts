import Database from 'better-sqlite3'

/** Small helpers for e2e tests to set up and read the kiosk's SQLite file directly. */
export function query<T = Record<string, unknown>>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

export function execute(dbFile: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbFile)
  try {
    db.pragma('busy_timeout = 5000')
    db.prepare(sql).run(...params)
  } finally {
    db.close()
  }
}

/** Rewrites one JSON setting, as IT would from the admin screens. */
export function updateSetting(dbFile: string, key: string, change: (value: Record<string, unknown>) => object): void {
  const [row] = query<{ value: string }>(dbFile, 'SELECT value FROM settings WHERE key = ?', key)
  if (!row) throw new Error(`no setting ${key}`)
  execute(dbFile, 'UPDATE settings SET value = ? WHERE key = ?', JSON.stringify(change(JSON.parse(row.value))), key)
}

export function counterId(dbFile: string, number: number): number {
  const [row] = query<{ id: number }>(dbFile, 'SELECT id FROM counters WHERE number = ?', number)
  if (!row) throw new Error(`no counter ${number}`)
  return row.id
}

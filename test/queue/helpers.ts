import Database from 'better-sqlite3'
import type { CentreOverview } from '../../shared/schemas/centre'
import type { QueueSettings } from '../../shared/schemas/queue'
import type { Result } from '../../shared/result'
import type { Core } from '../../electron/core/core'
import { TEST_CLIENT } from '../helpers/core'

/** The value of a successful call; fails the test with the error otherwise. */
export async function value<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

export async function errorCode(result: Promise<Result<unknown>>): Promise<string> {
  const r = await result
  return r.ok ? 'ok' : r.error.code
}

/** Field ids by prefix and counter ids by number, from the seeded demo centre. */
export async function demoIds(core: Core): Promise<{ field: Record<string, number>; counter: Record<number, number> }> {
  const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, TEST_CLIENT))
  return {
    field: Object.fromEntries(overview.fields.map((f) => [f.prefix, f.id])),
    counter: Object.fromEntries(overview.counters.map((c) => [c.number, c.id])),
  }
}

/** Writes a setting straight into a kiosk's database, as the admin screens will (and as IT can today). */
export function writeSetting(dbFile: string, key: 'queue' | 'kiosk', value: unknown): void {
  const db = new Database(dbFile)
  try {
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify(value), key)
  } finally {
    db.close()
  }
}

export function readQueueSettings(dbFile: string): QueueSettings {
  const db = new Database(dbFile, { readonly: true })
  try {
    return JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'queue'").pluck().get() as string) as QueueSettings
  } finally {
    db.close()
  }
}

export function query<T>(dbFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

import type { Db } from '../electron/core/db/open'

export interface RecordedQuery {
  sql: string
  params: unknown[]
  /** How many rows the statement handed to JavaScript (1 for get/run, the length for all). */
  rows: number
}

/**
 * A view of the database that remembers every statement prepared through it and the parameters it ran with, so
 * the bench can show `EXPLAIN QUERY PLAN` for exactly what a report ran — not for a copy of its SQL that could
 * drift from the code.
 */
export function recordingDb(db: Db): { db: Db; queries: RecordedQuery[] } {
  const queries: RecordedQuery[] = []
  const wrapStatement = (stmt: object, sql: string): object =>
    new Proxy(stmt, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run') {
          return (...params: unknown[]) => {
            const out = (value as (...a: unknown[]) => unknown).apply(target, params)
            queries.push({ sql, params, rows: Array.isArray(out) ? out.length : 1 })
            return out
          }
        }
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args)
          return out === target ? wrapStatement(target, sql) : out // pluck(), raw(), expand() return the statement
        }
      },
    })
  const spy = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target)
      if (prop === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
  return { db: spy, queries }
}

/** The plan of every distinct SELECT recorded, one line per plan step. */
export function explain(db: Db, queries: readonly RecordedQuery[]): { sql: string; plan: string[] }[] {
  const seen = new Set<string>()
  const out: { sql: string; plan: string[] }[] = []
  for (const q of queries) {
    const sql = q.sql.replace(/\s+/g, ' ').trim()
    if (!/^(SELECT|WITH)/i.test(sql) || seen.has(sql)) continue
    seen.add(sql)
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]
    out.push({ sql, plan: rows.map((r) => r.detail) })
  }
  return out
}

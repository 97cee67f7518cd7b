import type { Statement } from 'better-sqlite3'
import type { Db } from './open'

/**
 * Prepared statements kept per connection. better-sqlite3 compiles the SQL again on every `db.prepare`, which on
 * the rating path cost more than the INSERT itself; hot paths call `cached(db, sql)` instead and get the same
 * compiled statement back. Only for constant SQL text: a statement built from values would grow the map without
 * bound. SQLite re-prepares a statement by itself when the schema changes, so a migration does not stale them.
 *
 * `pluck` is part of the key because it is a mode set on the statement object: a plucking and a row-returning
 * user of the same SQL must not share one. The WeakMap lets a closed connection's statements go with it.
 */
const perConnection = new WeakMap<Db, Map<string, Statement>>()

export function cached(db: Db, sql: string, mode: 'rows' | 'pluck' = 'rows'): Statement {
  let statements = perConnection.get(db)
  if (statements === undefined) {
    statements = new Map()
    perConnection.set(db, statements)
  }
  const key = `${mode}\u0000${sql}`
  let statement = statements.get(key)
  if (statement === undefined) {
    statement = db.prepare(sql)
    if (mode === 'pluck') statement.pluck()
    statements.set(key, statement)
  }
  return statement
}

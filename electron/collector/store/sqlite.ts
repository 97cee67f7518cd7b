import Database from 'better-sqlite3'
import { sqliteMigrations } from './sqlite-schema'
import type { Row, SqlValue, Statement, Store, Tx } from './types'

/**
 * The embedded adapter: one SQLite file, the kiosk's durability settings (WAL, synchronous=FULL). better-sqlite3 is
 * synchronous and has one connection, so an async transaction must not let another request's statements in between
 * its awaits: every use of the connection takes its turn on one in-process queue. Across processes BEGIN IMMEDIATE
 * takes the file's write lock (others wait up to busy_timeout), so two collector processes on one file stay correct,
 * one writer at a time.
 */
export function openSqliteStore(file: string): Store {
  const db = new Database(file)
  try {
    db.pragma('busy_timeout = 10000')
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > sqliteMigrations.length) {
      throw new Error(`${file}: collector schema ${version} is newer than this code`)
    }
    db.transaction(() => {
      for (const sql of sqliteMigrations.slice(version)) db.exec(sql)
      db.pragma(`user_version = ${sqliteMigrations.length}`)
    }).immediate()
  } catch (error) {
    db.close()
    throw error
  }

  let queue: Promise<unknown> = Promise.resolve()
  /** Runs `job` after every job queued before it, whatever became of them. */
  function turn<T>(job: () => Promise<T>): Promise<T> {
    const result = queue.then(job, job)
    queue = result.catch(() => undefined)
    return result
  }

  /**
   * Prepared statements kept by their text: preparing costs more than running the small statements intake runs per
   * batch. Texts that vary with a batch's size (multi-row VALUES) are few, but the map is still bounded.
   */
  const prepared = new Map<string, Database.Statement>()
  function statement(sql: string, pluck = false): Database.Statement {
    const key = pluck ? `pluck:${sql}` : sql
    let s = prepared.get(key)
    if (s === undefined) {
      if (prepared.size >= 500) prepared.clear()
      s = db.prepare(sql)
      if (pluck && s.reader) s.pluck()
      prepared.set(key, s)
    }
    return s
  }

  const exec = {
    dialect: 'sqlite' as const,
    all: (sql: string, params: readonly SqlValue[] = []) => Promise.resolve(statement(sql).all(...params) as Row[]),
    get: (sql: string, params: readonly SqlValue[] = []) => Promise.resolve(statement(sql).get(...params) as Row | undefined),
    value: (sql: string, params: readonly SqlValue[] = []) => {
      const s = statement(sql, true)
      return Promise.resolve(s.reader ? s.get(...params) : undefined)
    },
    run: (sql: string, params: readonly SqlValue[] = []) => Promise.resolve(statement(sql).run(...params).changes),
    writeAll: (statements: readonly Statement[]) => Promise.resolve(statements.map((w) => statement(w.sql).run(...w.params).changes)),
  }
  const tx: Tx = { ...exec, lockDevice: () => Promise.resolve() }

  return {
    dialect: 'sqlite',
    where: file,
    all: (sql, params) => turn(() => exec.all(sql, params)),
    get: (sql, params) => turn(() => exec.get(sql, params)),
    value: (sql, params) => turn(() => exec.value(sql, params)),
    run: (sql, params) => turn(() => exec.run(sql, params)),
    writeAll: (statements) => turn(() => exec.writeAll(statements)),
    tx: (fn) =>
      turn(async () => {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await fn(tx)
          db.exec('COMMIT')
          return result
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw error
        }
      }),
    close: () => turn(() => Promise.resolve(void db.close())),
  }
}

import crypto from 'node:crypto'
import pg from 'pg'
import { z } from 'zod'
import { ensurePartitions } from './partitions'
import { postgresMigrations } from './postgres-schema'
import type { Row, Sql, SqlValue, Statement, Store, Tx } from './types'

/** Every collector process takes this session lock while it migrates: one at a time, the others wait. */
const MIGRATION_LOCK = 7_140_000

/** `?` placeholders as PostgreSQL's `$1, $2, …`; a `?` inside a quoted literal stays as it is. */
export function dollarPlaceholders(sql: string): string {
  let n = 0
  let quoted = false
  let out = ''
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted
    out += ch === '?' && !quoted ? `$${++n}` : ch
  }
  return out
}

/**
 * A statement as pg sends it: `$n` placeholders, and a name for the plain DML the intake runs on every request, so
 * each connection parses and plans it once (planning over a dozen month partitions costs more than running it).
 * DDL and other utility statements (partitions, locks) stay unnamed.
 */
interface PgStatement {
  text: string
  name?: string
}
const translated = new Map<string, PgStatement>()
function toPg(sql: string): PgStatement {
  let statement = translated.get(sql)
  if (statement === undefined) {
    const text = dollarPlaceholders(sql)
    const dml = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text) && !/pg_advisory/i.test(text)
    statement = dml ? { text, name: `k${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}` } : { text }
    translated.set(sql, statement)
  }
  return statement
}

/**
 * bigint (int8) columns come back as numbers, as SQLite gives them: every one of ours holds epoch milliseconds, a
 * seq or a count, all far below 2^53.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/**
 * Several writes as one statement: each a data-modifying CTE that returns one row per changed row, counted at the
 * end. One round trip instead of one per write; the caller keeps them on distinct rows (see Sql.writeAll).
 */
export function combinedWrites(statements: readonly Statement[]): Statement {
  const ctes = statements.map((w, i) => `w${i} AS (${w.sql} RETURNING 1)`)
  const counts = statements.map((_, i) => `(SELECT count(*) FROM w${i}) AS n${i}`)
  return { sql: `WITH ${ctes.join(', ')} SELECT ${counts.join(', ')}`, params: statements.flatMap((w) => w.params) }
}

/**
 * PostgreSQL refuses a NUL character in text (SQLite keeps it): a rating whose officer name or comment carried one
 * was a 500 on every attempt, and the kiosk retried it for good. Stored as U+FFFD instead. Records, canonical forms
 * and links are JSON or hex, where a NUL is always escaped, so exactly-once and the chain never see the change.
 */
function pgValues(params: readonly SqlValue[]): SqlValue[] {
  return params.map((v) => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '\uFFFD') : v))
}

/** `before` runs ahead of every statement: a transaction's deferred BEGIN (see tx). */
function executor(client: pg.Pool | pg.PoolClient, before: () => Promise<void> = () => Promise.resolve()): Sql {
  const all = async (sql: string, params: readonly SqlValue[] = []): Promise<Row[]> => {
    await before()
    return (await client.query<Row>({ ...toPg(sql), values: pgValues(params) })).rows
  }
  return {
    dialect: 'postgres',
    all,
    get: async (sql, params) => (await all(sql, params))[0],
    value: async (sql, params) => {
      const row = (await all(sql, params))[0]
      return row === undefined ? undefined : Object.values(row)[0]
    },
    run: async (sql, params = []) => {
      await before()
      return (await client.query({ ...toPg(sql), values: pgValues(params) })).rowCount ?? 0
    },
    writeAll: async (statements) => {
      if (statements.length === 0) return []
      if (statements.length === 1) return [await executor(client, before).run(statements[0]?.sql ?? '', statements[0]?.params)]
      const combined = combinedWrites(statements)
      await before()
      // Unnamed: its text varies with how many ratings, conflicts and alerts a batch has, and a named statement
      // stays prepared on its connection for good — that set would have no bound.
      const result = await client.query<Row>({ text: dollarPlaceholders(combined.sql), values: pgValues(combined.params) })
      const row = result.rows[0] ?? {}
      return statements.map((_, i) => Number(row[`n${i}`]))
    },
  }
}

/** A URL without its password, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://(unparsable url)'
  }
}

/**
 * The production adapter: a pg Pool on a shared PostgreSQL that several collector processes use at once.
 *
 * Concurrency: READ COMMITTED transactions, and each intake transaction first takes a transaction-scoped advisory
 * lock on its device id (lockDevice). Chosen over SELECT … FOR UPDATE on the device row because enrollment must
 * serialise a device that has no row yet, and because one lock then covers everything of the device — its cursor,
 * idempotency keys, ratings in any partition, dead records, disputes — without locking rows of the partitioned
 * ratings table. Each transaction takes one device lock and no other, so no two can wait on each other in a cycle;
 * once granted, every statement after it sees what the previous holder committed (READ COMMITTED takes a fresh
 * snapshot per statement), so two processes that get the same device's batches replay the same verdicts.
 */
export async function openPostgresStore(url: string, now: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types, application_name: 'kiosk-collector' })
  const where = redact(url)
  pool.on('error', () => {}) // an idle client lost (server restart): the pool replaces it; queries report their own
  const store: Store = {
    ...executor(pool),
    where,
    async tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      // BEGIN is sent with the first statement: with the device lock when that comes first (as intake's does), so
      // opening the transaction and taking the lock cost one round trip, not two.
      let begun = false
      const begin = async () => {
        if (begun) return
        begun = true
        await client.query('BEGIN')
      }
      try {
        const sql = executor(client, begin)
        const tx: Tx = {
          ...sql,
          lockDevice: async (deviceId) => {
            const lock = `SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(deviceId)}, 0))`
            // The simple-query protocol runs both in order in one message; the id goes in as an escaped literal.
            if (begun) await client.query(lock)
            else {
              begun = true
              await client.query(`BEGIN; ${lock}`)
            }
          },
        }
        const result = await fn(tx)
        if (begun) await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
  try {
    await migrate(pool, now)
    await ensurePartitions(store, now)
  } catch (error) {
    await pool.end()
    throw error
  }
  return store
}

/** Runs the migrations this database lacks, each in its own transaction, one process at a time. */
async function migrate(pool: pg.Pool, now: number): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
      )
      const { rows } = await client.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')
      const version = z.number().int().parse(rows[0]?.v)
      if (version > postgresMigrations.length) {
        throw new Error(`collector schema ${version} is newer than this code (${postgresMigrations.length}): upgrade it`)
      }
      for (let v = version + 1; v <= postgresMigrations.length; v++) {
        await client.query('BEGIN')
        try {
          await client.query(postgresMigrations[v - 1] ?? '')
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v, now])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {})
          throw error
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    client.release()
  }
}

/**
 * The collector's storage port: a small SQL executor that the intake code runs on, the same code for the embedded
 * SQLite file and for a shared PostgreSQL. Statements use `?` placeholders and SQL both dialects read the same way;
 * the few places where they must differ are hooks here (locking) or live in the adapters (schema, migrations).
 */
export type SqlValue = string | number | null
export type Row = Record<string, unknown>
export type Dialect = 'sqlite' | 'postgres'

export interface Sql {
  readonly dialect: Dialect
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>
  /** The first row, or undefined. */
  get(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>
  /** The first column of the first row, or undefined when there is no row. */
  value(sql: string, params?: readonly SqlValue[]): Promise<unknown>
  /** Runs a write; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
  /**
   * Runs several writes as one unit of work and resolves with each one's changed-row count, in order. SQLite runs
   * them one after the other (in-process, nothing to save); PostgreSQL sends them as one statement of data-modifying
   * CTEs, one round trip. So: plain INSERT/UPDATE/DELETE without RETURNING, and no two of them may touch the same
   * row (the CTEs share one snapshot and cannot see each other's effects).
   */
  writeAll(statements: readonly Statement[]): Promise<number[]>
}

export interface Statement {
  sql: string
  params: readonly SqlValue[]
}

export interface Tx extends Sql {
  /**
   * Serialises every writer of one device until the transaction ends, across connections and processes. Call it
   * first, before reading anything of the device. SQLite: nothing to do, BEGIN IMMEDIATE already holds the file's
   * write lock. PostgreSQL: a transaction-scoped advisory lock on the device id, see postgres.ts for why.
   */
  lockDevice(deviceId: string): Promise<void>
}

export interface Store extends Sql {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** Where the data lives, for logs (never the password). */
  readonly where: string
  close(): Promise<void>
}

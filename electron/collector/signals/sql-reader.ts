import { z } from 'zod'

/**
 * The read side the dashboard, signals and alerts need from the collector's store (a subset of the storage
 * port's `Sql`): SQL with `?` placeholders that runs on both SQLite and PostgreSQL, rows as plain objects that
 * each caller parses with zod.
 */
export type SqlValue = string | number | null
export interface SqlReader {
  all(sql: string, params?: readonly SqlValue[]): Promise<Record<string, unknown>[]>
}

/** PostgreSQL returns bigint (count, sum, BIGINT columns) as a string; SQLite as a number. Both parse to a number. */
export const SqlInt = z.union([z.number().int(), z.string().regex(/^-?\d{1,18}$/).transform(Number)])
export const SqlNum = z.union([z.number(), z.string().regex(/^-?\d{1,18}(\.\d+)?$/).transform(Number)])

/** A centre filter for a leader's queries: `centre_id = ?` when scoped, nothing for province and auditor. */
export interface Scope {
  centreId: string | null
}
export function scopeSql(scope: Scope, column = 'centre_id'): { sql: string; params: SqlValue[] } {
  return scope.centreId === null ? { sql: '', params: [] } : { sql: ` AND ${column} = ?`, params: [scope.centreId] }
}

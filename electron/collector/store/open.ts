import { openPostgresStore } from './postgres'
import { openSqliteStore } from './sqlite'
import type { Store } from './types'

/** The environment variable that names a PostgreSQL database when --database is not given. */
export const DATABASE_ENV = 'COLLECTOR_DATABASE_URL'

/**
 * The collector's store: PostgreSQL when a postgres:// URL is given (flag or COLLECTOR_DATABASE_URL), else the
 * embedded SQLite file. Migrations run here, before anything is served.
 */
export async function openStore(options: { database?: string | null; dbFile: string; now: number }): Promise<Store> {
  const url = options.database ?? null
  if (url === null || url === '') return openSqliteStore(options.dbFile)
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('--database: a postgres://user:password@host:port/db URL')
  return openPostgresStore(url, options.now)
}

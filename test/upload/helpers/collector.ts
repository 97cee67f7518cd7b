import path from 'node:path'
import { afterEach, inject } from 'vitest'
import { startCollector, type Collector } from '../../../electron/collector/server'
import { fixedClock } from '../../helpers/core'
import { freshSchemaUrl } from '../../helpers/pg-cluster'
import { tempDir } from '../../helpers/temp-dir'

export type TestCollector = Collector & { clock: ReturnType<typeof fixedClock>; dbFile: string; database: string | null }

const running: Collector[] = []

afterEach(async () => {
  for (const c of running.splice(0)) await c.close()
})

/** Which store the collector tests run on: the vitest project sets it (vitest.config.ts). */
export const testStore: 'sqlite' | 'postgres' = process.env.KIOSK_COLLECTOR_STORE === 'postgres' ? 'postgres' : 'sqlite'

/** A new empty database for one collector: a fresh schema in the run's throwaway PostgreSQL, or null for SQLite. */
export async function testDatabase(): Promise<string | null> {
  return testStore === 'postgres' ? freshSchemaUrl(inject('pgUrl')) : null
}

/**
 * A real reference collector on 127.0.0.1 with its own store: a SQLite file in a temp dir, or a fresh schema in
 * the throwaway PostgreSQL. Its clock starts where `fixedClock()` starts (the test kiosks' default), so the two
 * agree until a test moves one of them.
 */
export async function testCollector(clock = fixedClock()): Promise<TestCollector> {
  const dbFile = path.join(tempDir('collector-'), 'collector.db')
  const database = await testDatabase()
  const collector = await startCollector({ dbFile, database, clock, adminToken: 'test-admin-token' })
  running.push(collector)
  return Object.assign(collector, { clock, dbFile, database })
}

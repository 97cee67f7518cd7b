import path from 'node:path'
import { afterEach } from 'vitest'
import { startCollector, type Collector } from '../../../electron/collector/server'
import { fixedClock } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'

export type TestCollector = Collector & { clock: ReturnType<typeof fixedClock>; dbFile: string }

const running: Collector[] = []

afterEach(async () => {
  for (const c of running.splice(0)) await c.close()
})

/**
 * A real reference collector on 127.0.0.1 with its own SQLite file in a temp dir. Its clock starts where
 * `fixedClock()` starts (the test kiosks' default), so the two agree until a test moves one of them.
 */
export async function testCollector(clock = fixedClock()): Promise<TestCollector> {
  const dbFile = path.join(tempDir('collector-'), 'collector.db')
  const collector = await startCollector({ dbFile, clock, adminToken: 'test-admin-token' })
  running.push(collector)
  return Object.assign(collector, { clock, dbFile })
}

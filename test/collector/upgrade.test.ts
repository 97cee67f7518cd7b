import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startCollector } from '../../electron/collector/server'
import { sqliteMigrations } from '../../electron/collector/store/sqlite-schema'
import { postgresMigrations } from '../../electron/collector/store/postgres-schema'
import { BatchAckSchema } from '../../shared/schemas/upload'
import { testCollector } from '../upload/helpers/collector'
import { send, SimDevice } from './helpers/sim-device'

/**
 * A province's collector that ran the code before archived fingerprints (7b8a1d7: SQLite schema 5, PostgreSQL 2)
 * and holds ratings, opened by this code: the new table is added, what was stored stays exactly-once.
 */
describe('upgrading a populated collector to the fingerprint schema', () => {
  it('adds archived_ratings on open, keeps every rating, and a re-send is still a duplicate', async () => {
    const first = await testCollector()
    const device = new SimDevice('Kiosk 1')
    const token = first.createEnrollmentToken(device.label)
    expect((await send(first.url, { path: '/v1/enroll', body: device.enrollBody(token), headers: { 'content-type': 'application/json' } })).status).toBe(200)
    const old = device.rate(6, first.clock.now() - 3600_000, 1000)
    expect((await send(first.url, device.batch(old, first.clock.now()))).status).toBe(200)
    // Back to the previous code's schema: the only difference is the table the new migration adds.
    await first.db.run('DROP TABLE archived_ratings')
    if (first.database === null) {
      await first.close()
      const file = new Database(first.dbFile)
      file.pragma(`user_version = ${sqliteMigrations.length - 1}`)
      file.close()
    } else {
      await first.db.run('DELETE FROM schema_migrations WHERE version = ?', [postgresMigrations.length])
      await first.close()
    }

    first.clock.advance(2 * 86_400_000)
    const upgraded = await startCollector({ dbFile: first.dbFile, database: first.database, clock: first.clock, adminToken: 'test-admin-token' })
    try {
      expect(await upgraded.db.value('SELECT count(*) FROM archived_ratings')).toBe(0)
      const fresh = device.rate(2, first.clock.now() - 60_000, 1000)
      const ack = BatchAckSchema.parse((await send(upgraded.url, device.batch([...old.slice(4), ...fresh], first.clock.now()))).body)
      expect(ack.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'stored', 'stored'])
      expect(ack.chain).toMatchObject({ verifiedSeq: 8, firstBadSeq: null })
      expect(await upgraded.db.value('SELECT count(*) FROM ratings')).toBe(8)
    } finally {
      await upgraded.close()
    }
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { openStore } from '../../../electron/collector/store/open'
import { detachOlderThan, ensurePartitions } from '../../../electron/collector/store/partitions'
import type { Sql } from '../../../electron/collector/store/types'
import { postgresMigrations } from '../../../electron/collector/store/postgres-schema'
import { tempDir } from '../../helpers/temp-dir'
import { testCollector, testDatabase } from '../../upload/helpers/collector'
import { testKiosk } from '../../upload/helpers/kiosk'

const DAY = 86_400_000

/** Where each rating lives: uuid → partition name. */
async function partitionsOf(db: Sql): Promise<Record<string, string>> {
  const rows = await db.all('SELECT uuid, tableoid::regclass::text AS part FROM ratings ORDER BY seq')
  return Object.fromEntries(rows.map((r) => [z.string().parse(r.uuid), z.string().parse(r.part)]))
}

async function partitionNames(db: Sql): Promise<string[]> {
  const rows = await db.all(
    `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'ratings' AND p.relnamespace = to_regnamespace(current_schema())::oid ORDER BY c.relname`,
  )
  return rows.map((r) => z.string().parse(r.relname))
}

describe('PostgreSQL: ratings partitioned by month', () => {
  it('a rating re-sent in another month (after its Idempotency-Key expired) is still one row, in its own month', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    const uuids = kiosk.rate(3)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(await partitionsOf(collector.db)).toEqual(Object.fromEntries(uuids.map((u) => [u, 'ratings_y2026m11'])))

    // 40 days later, in January's partition time, the kiosk sends the same ratings again (a restored backup).
    kiosk.clock.advance(40 * DAY)
    collector.clock.advance(40 * DAY)
    await ensurePartitions(collector.db, collector.clock.now())
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE kind = 'rating'").run()
    collector.faults.recorded = []
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const resent = collector.faults.recorded.filter((r) => r.route === 'batches')
    expect(resent).toHaveLength(1) // it really was sent again, and stored nothing new
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(3)
    expect(await collector.db.value('SELECT count(*) FROM batches')).toBe(1) // the old key was forgotten

    // The same uuid with another createdAt would belong to another month: the lookup by uuid still finds it. (Two
    // days on, so the batch's Idempotency-Key — the same uuids give the same key — is forgotten again.)
    kiosk.clock.advance(2 * DAY)
    collector.clock.advance(2 * DAY)
    kiosk.db.prepare('UPDATE ratings SET created_at = created_at - 60 * 86400000 WHERE seq = 2').run()
    kiosk.db.prepare("UPDATE outbox SET state = 'pending' WHERE kind = 'rating'").run()
    await kiosk.uploader.flush('manual')
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(3)
    expect(await collector.db.value("SELECT count(*) FROM conflicts WHERE reason = 'changed'")).toBe(1)
    expect(await partitionsOf(collector.db)).toEqual(Object.fromEntries(uuids.map((u) => [u, 'ratings_y2026m11'])))
  })

  it('partitions are made ahead; a future month\'s early rows move out of the default partition into it', async () => {
    const collector = await testCollector()
    expect(await partitionNames(collector.db)).toEqual([
      'ratings_default',
      'ratings_y2026m10',
      'ratings_y2026m11',
      'ratings_y2026m12',
      'ratings_y2027m01',
      'ratings_y2027m02',
    ])
    // A kiosk whose clock runs six months ahead: its rating lands in the default partition, and is accepted.
    const kiosk = testKiosk()
    kiosk.clock.advance(180 * DAY)
    const [ahead] = kiosk.rate(1)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(await partitionsOf(collector.db)).toEqual({ [ahead ?? '']: 'ratings_default' })

    const made = await ensurePartitions(collector.db, collector.clock.now() + 180 * DAY)
    // From one month behind (April 2027) to three ahead of late May 2027.
    expect(made).toEqual(['ratings_y2027m04', 'ratings_y2027m05', 'ratings_y2027m06', 'ratings_y2027m07', 'ratings_y2027m08'])
    expect(await partitionsOf(collector.db)).toEqual({ [ahead ?? '']: 'ratings_y2027m05' })
    expect(await ensurePartitions(collector.db, collector.clock.now() + 180 * DAY)).toEqual([])
  })

  it('retention detaches the months older than N (the table stays for an archive), or drops them', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(2)
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const inJan2028 = Date.UTC(2028, 0, 10)
    // Twelve months kept counting back from January 2028: January 2027 on. Oct–Dec 2026 go.
    expect(await detachOlderThan(collector.db, inJan2028, 12, false)).toEqual([
      'ratings_y2026m10',
      'ratings_y2026m11',
      'ratings_y2026m12',
    ])
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(0)
    expect(await collector.db.value('SELECT count(*) FROM ratings_y2026m11')).toBe(2)
    expect(await detachOlderThan(collector.db, Date.UTC(2028, 2, 10), 12, true)).toEqual(['ratings_y2027m01', 'ratings_y2027m02'])
    expect(await collector.db.value("SELECT to_regclass('ratings_y2027m01') IS NULL")).toBe(true)
    await expect(detachOlderThan(collector.db, inJan2028, 0, false)).rejects.toThrow('--months')
  })

  it('migrations are versioned, run once, and a newer schema than the code is refused with a clear message', async () => {
    const database = await testDatabase()
    const dbFile = path.join(tempDir(), 'unused.db')
    const now = Date.UTC(2026, 10, 26)
    const first = await openStore({ database, dbFile, now })
    await first.close()
    const second = await openStore({ database, dbFile, now: now + DAY })
    expect(await second.all('SELECT version, applied_at FROM schema_migrations ORDER BY version')).toEqual(
      postgresMigrations.map((_, i) => ({ version: i + 1, applied_at: now })),
    )
    await second.run('INSERT INTO schema_migrations (version, applied_at) VALUES (99, ?)', [now])
    await second.close()
    await expect(openStore({ database, dbFile, now })).rejects.toThrow('collector schema 99 is newer than this code')
  })
})

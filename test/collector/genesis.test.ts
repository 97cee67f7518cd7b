import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { walkChain } from '../../electron/collector/chain-check'
import { getDevice } from '../../electron/collector/devices'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { extend, GENESIS_LINK, type ChainHead } from '../../shared/protocol/chain'
import { nextBatch } from '../../electron/core/upload/outbox-repo'
import { readUploadState } from '../../electron/core/upload/state-repo'
import type { RatingRecord } from '../../shared/schemas/rating'
import { tempDir } from '../helpers/temp-dir'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

/** Every 64-hex value anywhere in the database: the attacker tries each as a chain key. */
function hexValues(db: Database.Database): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  const found = new Set<string>()
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const value of Object.values(row)) {
        if (typeof value === 'string') for (const m of value.matchAll(/[0-9a-f]{64}/g)) found.add(m[0])
      }
    }
  }
  return [...found]
}

const withoutLink = ({ link: _link, ...rest }: RatingRecord) => rest

describe('the genesis key', () => {
  it('a copy of the kiosk (database and secrets) taken after enrollment cannot re-chain an edited rating', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(5) // rated before the kiosk enrolled; not uploaded yet when the copy is taken
    kiosk.connect(collector)
    collector.faults.forced.push({ route: 'batches', status: 503, times: 10 })
    expect(await kiosk.uploader.flush('manual')).toBe('failed')
    expect(readUploadState(kiosk.db).enrolledAt).toBe(collector.url)
    const dbFile = kiosk.dbFile
    const secretsDir = path.join(kiosk.dir, 'secrets')
    kiosk.close()

    // The attacker's copy.
    const copy = tempDir('stolen-')
    fs.copyFileSync(dbFile, path.join(copy, 'kiosk.db'))
    fs.cpSync(secretsDir, path.join(copy, 'secrets'), { recursive: true })
    const db = new Database(path.join(copy, 'kiosk.db'))
    expect(db.prepare('SELECT count(*) FROM chain_genesis').pluck().get()).toBe(0)
    const secrets = fs
      .readdirSync(path.join(copy, 'secrets'))
      .map((f) => Buffer.from(fs.readFileSync(path.join(copy, 'secrets', f), 'utf8').trim(), 'base64'))
    const candidates = [
      ...hexValues(db),
      ...secrets.flatMap((s) => [
        s.toString('hex'),
        crypto.createHmac('sha256', s).update('kiosk-chain-v1').digest('hex'), // how key_1 used to be made
        crypto.createHmac('sha256', s).update('kiosk-sign-v1').digest('hex'),
      ]),
    ]
    expect(candidates.length).toBeGreaterThan(5)

    // Rating 3 made "very satisfied" → "not satisfied", then every link re-made from some seq k ≤ 3 with a found key.
    const records = nextBatch(db, kiosk.deviceId).map((i) => i.record)
    db.close()
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5])
    const edited = records.map((r) => (r.seq === 3 ? { ...r, level: 1, levelKey: 'not_satisfied' } : r))
    const device = (await getDevice(collector.db, kiosk.deviceId))
    if (device === null) throw new Error('not enrolled')
    const collectorCheck = (chain: { seq: number; link: string; canonical: string }[]) =>
      walkChain(
        { seq: 0, link: GENESIS_LINK, key: device.chain_key },
        (seq) => chain.find((c) => c.seq === seq) ?? null,
        10,
      ).firstBadLink
    // The check itself works: the untouched records pass it.
    expect(collectorCheck(records.map((r) => ({ seq: r.seq, link: r.link, canonical: canonicalJson(withoutLink(r)) })))).toBe(null)

    for (const key of candidates) {
      for (const from of [1, 2, 3]) {
        let head: ChainHead = { seq: from - 1, link: records[from - 2]?.link ?? GENESIS_LINK, key }
        const forged = edited.map((r) => {
          const canonical = canonicalJson(withoutLink(r))
          if (r.seq < from) return { seq: r.seq, link: r.link, canonical }
          const next = extend(head, canonical)
          head = next.head
          return { seq: r.seq, link: next.link, canonical }
        })
        expect(collectorCheck(forged), `key ${key.slice(0, 8)}… from seq ${from}`).not.toBe(null)
      }
    }
  })
})

import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../electron/core/db/migrations'
import { openDatabase } from '../../electron/core/db/open'
import { SEALED_KEY } from '../../electron/core/ratings/chain-seal'
import { nextBatch } from '../../electron/core/upload/outbox-repo'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { GENESIS_LINK, verify, genesisHead } from '../../shared/protocol/chain'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { happyRating, readRows } from '../helpers/ratings'
import { tempDir } from '../helpers/temp-dir'
import { insertServedTicket } from '../helpers/tickets'

/** Whether `text` is anywhere in the database file or its WAL (as ASCII) — or its 32 raw bytes, for a hex key. */
function fileHolds(file: string, hex: string): boolean {
  return [file, `${file}-wal`].some((f) => {
    if (!fs.existsSync(f)) return false
    const bytes = fs.readFileSync(f)
    return bytes.includes(Buffer.from(hex, 'ascii')) || bytes.includes(Buffer.from(hex, 'hex'))
  })
}

describe('the chain key at rest', () => {
  it('a database copied to another machine (without its secrets) cannot extend the chain: refused and recorded', async () => {
    const clock = fixedClock()
    const first = testCore({ clock })
    const ticket = insertServedTicket(first.dbFile, { counterNumber: 1, completedAt: clock.now() })
    expect(await first.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)).toMatchObject({ ok: true })
    first.close()

    const elsewhere = tempDir('other-machine-')
    fs.copyFileSync(first.dbFile, path.join(elsewhere, 'kiosk.db'))
    const copy = testCore({ clock, dataDir: elsewhere })
    const kinds = () => (readRows(copy.dbFile, 'SELECT kind, detail FROM system_events') as { kind: string; detail: string }[])
    expect(kinds().find((e) => e.kind === 'chain.key_unavailable')?.detail).toMatch(/cannot be opened on this device/)

    const next = insertServedTicket(copy.dbFile, { counterNumber: 2, completedAt: clock.now() })
    const refused = await copy.invoke('rating:submit', happyRating(next.uid), TEST_CLIENT)
    expect(refused).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(kinds().find((e) => e.kind === 'rating.failed')?.detail).toMatch(/ChainKeyUnavailableError/)
    expect(readRows(copy.dbFile, 'SELECT seq FROM ratings')).toEqual([{ seq: 1 }])
    expect(readRows(copy.dbFile, 'SELECT seq FROM chain_head')).toEqual([{ seq: 1 }])
  })

  it('upgrading a database whose keys are in plain hex seals them and leaves no plain copy in the file', async () => {
    // A kiosk of the previous version: schema 7, key_1 in the clear in both tables.
    const dataDir = tempDir()
    const file = path.join(dataDir, 'kiosk.db')
    const key1 = 'a1'.repeat(32)
    const old = new Database(file)
    old.pragma('journal_mode = WAL')
    old.transaction(() => {
      for (const sql of migrations.slice(0, 7)) old.exec(sql)
      old.pragma('user_version = 7')
      old.prepare('INSERT INTO chain_head (id, seq, link, key) VALUES (1, 0, ?, ?)').run(GENESIS_LINK, key1)
      old.prepare('INSERT INTO chain_genesis (id, key) VALUES (1, ?)').run(key1)
    })()
    old.close()
    expect(fileHolds(file, key1)).toBe(true)

    const clock = fixedClock()
    const core = testCore({ clock, dataDir })
    const [head] = readRows(file, 'SELECT key FROM chain_head') as { key: string }[]
    const [genesis] = readRows(file, 'SELECT key FROM chain_genesis') as { key: string }[]
    expect(head?.key).toMatch(SEALED_KEY)
    expect(genesis?.key).toMatch(SEALED_KEY)
    expect(fileHolds(file, key1)).toBe(false)

    // The chain goes on from the same key_1: what the collector will get at enrollment still verifies it.
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
    expect(await core.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)).toMatchObject({ ok: true })
    const { db } = openDatabase(file, clock)
    const deviceId = (JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'device'").pluck().get() as string) as {
      deviceId: string
    }).deviceId
    const records = nextBatch(db, deviceId).map(({ record: { link, ...signed } }) => ({ seq: signed.seq, link, canonical: canonicalJson(signed) }))
    db.close()
    expect(verify(genesisHead(key1), records)).toMatchObject({ ok: true, head: { seq: 1 } })
    // A plain key written by any code path from now on is refused by the database itself.
    const raw = new Database(file)
    expect(() => raw.prepare('UPDATE chain_head SET key = ?').run(key1)).toThrow(/stored sealed/)
    raw.close()
  })
})

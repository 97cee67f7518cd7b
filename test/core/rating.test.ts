import crypto from 'node:crypto'
import fs from 'node:fs'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nextBatch } from '../../electron/core/upload/outbox-repo'
import { chainVault, SEALED_KEY } from '../../electron/core/ratings/chain-seal'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { genesisHead, verify } from '../../shared/protocol/chain'
import type { RatingSubmit } from '../../shared/schemas/rating'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { happyRating, readRows } from '../helpers/ratings'
import { insertServedTicket } from '../helpers/tickets'

describe('rating:submit', () => {
  it('stores the rating, its outbox entry and its chain link together, bound to the serving officer', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 3, completedAt: clock.now() - 5_000 })
    const result = await core.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)
    expect(result).toMatchObject({ ok: true, value: { seq: 1 } })
    const [rating] = readRows(
      core.dbFile,
      `SELECT r.seq, r.ticket_code, r.level, r.level_key, r.level_label, r.scale, r.mode, o.full_name, r.link
         FROM ratings r JOIN officers o ON o.id = r.officer_id`,
    ) as Record<string, unknown>[]
    expect(rating).toMatchObject({
      seq: 1,
      ticket_code: ticket.code,
      level: 3,
      level_key: 'very_satisfied',
      level_label: 'Rất hài lòng',
      scale: 3,
      mode: 'lobby',
      full_name: 'Lê Thị Thu Hà',
    })
    expect(readRows(core.dbFile, 'SELECT kind, state FROM outbox')).toEqual([{ kind: 'rating', state: 'pending' }])
    expect(readRows(core.dbFile, 'SELECT seq, link FROM chain_head')).toEqual([{ seq: 1, link: rating?.link }])
  })

  it('keeps the negative reasons and the exact Vietnamese comment', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
    const comment = 'Cán bộ hướng dẫn chưa rõ, phải đi lại nhiều lần'
    const result = await core.invoke('rating:submit', {
      ...happyRating(ticket.uid),
      levelKey: 'not_satisfied',
      reasons: ['unclear_guidance', 'slow'],
      comment: comment.normalize('NFD'), // decomposed input is stored composed (NFC)
    }, TEST_CLIENT)
    expect(result.ok).toBe(true)
    expect(readRows(core.dbFile, 'SELECT reasons, comment FROM ratings')).toEqual([
      { reasons: '["unclear_guidance","slow"]', comment },
    ])
  })

  const refusals: [string, Partial<RatingSubmit>, string][] = [
    ['an unknown level', { levelKey: 'ecstatic' }, 'BAD_INPUT'],
    ['reasons not in the form', { levelKey: 'not_satisfied', reasons: ['bribery'] }, 'BAD_INPUT'],
    ['reasons on a positive rating', { reasons: ['slow'] }, 'BAD_INPUT'],
    ['a comment over the form maximum', { levelKey: 'not_satisfied', comment: 'ê'.repeat(301) }, 'BAD_INPUT'],
    ['a comment over the contract maximum', { levelKey: 'not_satisfied', comment: 'a'.repeat(1001) }, 'BAD_INPUT'],
    ['an unknown ticket', { ticketUid: 'no-such-ticket' }, 'NOT_FOUND'],
    ['an unknown key', { ...({ officerId: 1 } as object) }, 'BAD_INPUT'],
  ]

  it.each(refusals)('refuses %s with a typed error and writes no row', async (_label, change, code) => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
    const result = await core.invoke('rating:submit', { ...happyRating(ticket.uid), ...change }, TEST_CLIENT)
    expect(!result.ok && result.error.code).toBe(code)
    expect(readRows(core.dbFile, 'SELECT count(*) AS n FROM ratings')).toEqual([{ n: 0 }])
    expect(readRows(core.dbFile, 'SELECT count(*) AS n FROM outbox')).toEqual([{ n: 0 }])
    expect(readRows(core.dbFile, 'SELECT seq FROM chain_head')).toEqual([{ seq: 0 }])
  })

  it('refuses a second rating of the same ticket, a ticket not served yet, and one served too long ago', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const served = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: clock.now() })
    expect((await core.invoke('rating:submit', happyRating(served.uid), TEST_CLIENT)).ok).toBe(true)
    expect(await core.invoke('rating:submit', happyRating(served.uid), TEST_CLIENT)).toMatchObject({ error: { code: 'ALREADY_RATED' } })

    const waiting = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: clock.now(), status: 'called' })
    expect(await core.invoke('rating:submit', happyRating(waiting.uid), TEST_CLIENT)).toMatchObject({ error: { code: 'NOT_SERVED' } })

    const old = insertServedTicket(core.dbFile, { counterNumber: 2, completedAt: clock.now() - 3 * 3600_000 })
    expect(await core.invoke('rating:submit', happyRating(old.uid), TEST_CLIENT)).toMatchObject({ error: { code: 'EXPIRED' } })
    expect(readRows(core.dbFile, 'SELECT count(*) AS n FROM ratings')).toEqual([{ n: 1 }])
  })

  // The service runs each submit to completion before the next (one synchronous transaction), so this property
  // checks its answers for repeated submits; the UNIQUE that guards against a real race is tested on the table
  // itself in rating-storage.test.ts.
  it('any sequence of submits, repeats included, stores one rating per ticket and refuses the rest (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        async (picks) => {
          const clock = fixedClock()
          const core = testCore({ clock })
          const tickets = [1, 2, 3, 4].map((n) =>
            insertServedTicket(core.dbFile, { counterNumber: n, completedAt: clock.now() }),
          )
          const results = await Promise.all(picks.map((i) => core.invoke('rating:submit', happyRating(tickets[i]!.uid), TEST_CLIENT)))
          const accepted = results.filter((r) => r.ok).length
          expect(accepted).toBe(new Set(picks).size)
          expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'ALREADY_RATED')).toBe(true)
          const stored = readRows(core.dbFile, 'SELECT ticket_id FROM ratings') as { ticket_id: number }[]
          expect(new Set(stored.map((r) => r.ticket_id)).size).toBe(stored.length)
          core.close()
        },
      ),
      { numRuns: 40 },
    )
  })

  it('binds the officer who served the ticket, even after the counter changes hands', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 4, completedAt: clock.now() })
    // The counter changes hands after the ticket was served.
    const db = new Database(core.dbFile)
    const counter = db.prepare('SELECT id FROM counters WHERE number = 4').pluck().get() as number
    db.prepare('UPDATE assignments SET ends_at = ? WHERE counter_id = ? AND ends_at IS NULL').run(clock.now() + 1, counter)
    db.prepare('INSERT INTO assignments (officer_id, counter_id, starts_at) VALUES (1, ?, ?)').run(counter, clock.now() + 1)
    db.close()
    clock.advance(10_000)
    expect((await core.invoke('rating:submit', happyRating(ticket.uid), TEST_CLIENT)).ok).toBe(true)
    expect(readRows(core.dbFile, 'SELECT o.full_name FROM ratings r JOIN officers o ON o.id = r.officer_id')).toEqual([
      { full_name: 'Phạm Minh Tuấn' },
    ])
  })

  it('chains the stored rows: whoever holds the genesis key (the collector, after enrollment) can verify them', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    for (const n of [1, 2, 3]) {
      const t = insertServedTicket(core.dbFile, { counterNumber: n, completedAt: clock.now() })
      expect((await core.invoke('rating:submit', happyRating(t.uid), TEST_CLIENT)).ok).toBe(true)
    }
    // key_1 is random and waits in chain_genesis until enrollment hands it to the collector.
    // It is stored sealed under the device secret (kept outside the database), never in the clear.
    const [genesis] = readRows(core.dbFile, 'SELECT key FROM chain_genesis') as { key: string }[]
    expect(genesis?.key).toMatch(SEALED_KEY)
    const dataDir = core.dbFile.replace(/\/kiosk\.db$/, '')
    const secret = Buffer.from(fs.readFileSync(`${dataDir}/secrets/device.key`, 'utf8'), 'base64')
    const key1 = chainVault(secret).open(genesis?.key ?? '', 'genesis')
    expect(key1).toMatch(/^[0-9a-f]{64}$/)
    // Nothing about it comes from the device secret (which stays on the kiosk for good).
    expect(key1).not.toBe(crypto.createHmac('sha256', secret).update('kiosk-chain-v1').digest('hex'))
    // What the uploader reads back from the rows (names and numbers as they were at rating time) must verify.
    const db = new Database(core.dbFile, { readonly: true })
    const deviceId = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'device'").pluck().get() as string)
      .deviceId as string
    const records = nextBatch(db, deviceId).map(({ record: { link, ...signed } }) => ({
      seq: signed.seq,
      link,
      canonical: canonicalJson(signed),
    }))
    db.close()
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3])
    expect(verify(genesisHead(key1), records)).toMatchObject({ ok: true, head: { seq: 3 } })
    const tampered = records.map((r, i) => (i === 1 ? { ...r, canonical: r.canonical.replace('"level":3', '"level":1') } : r))
    expect(verify(genesisHead(key1), tampered)).toEqual({ ok: false, break: { seq: 2, reason: 'link' } })
    expect(verify(genesisHead(key1), [records[0]!, records[2]!])).toEqual({ ok: false, break: { seq: 2, reason: 'gap' } })
  })
})

describe('rating:lookup', () => {
  it('finds a served ticket by its printed number or its QR uid, with the officer who served', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const ticket = insertServedTicket(core.dbFile, { counterNumber: 5, completedAt: clock.now() - 60_000 })
    for (const query of [ticket.code, ticket.code.toLowerCase(), ticket.uid]) {
      const result = await core.invoke('rating:lookup', { query }, TEST_CLIENT)
      expect(result).toMatchObject({
        ok: true,
        value: { ticketCode: ticket.code, counterNumber: 5, officer: { fullName: 'Hoàng Thị Ngọc Ánh' } },
      })
    }
    expect(await core.invoke('rating:lookup', { query: 'Z9999' }, TEST_CLIENT)).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { genesisHead, verify } from '../../shared/protocol/chain'
import { chainVault } from '../../electron/core/ratings/chain-seal'
import { nextBatch } from '../../electron/core/upload/outbox-repo'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { query } from '../queue/helpers'

/** Raises the form's comment limit to the contract's 1000, so long astral comments are reachable. */
function allowLongComments(dbFile: string): void {
  const db = new Database(dbFile)
  const form = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'ratingForm'").pluck().get() as string)
  db.prepare("UPDATE settings SET value = ? WHERE key = 'ratingForm'").run(JSON.stringify({ ...form, commentMaxLength: 1000 }))
  db.close()
}

/** What a collector holding key_1 sees: the rows as the uploader reads them back, checked from the genesis. */
function chainFromRows(dbFile: string) {
  const db = new Database(dbFile, { readonly: true })
  try {
    const deviceId = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'device'").pluck().get() as string)
      .deviceId as string
    // key_1 is kept sealed under the device secret (outside the database); the collector gets it at enrollment.
    const secret = Buffer.from(fs.readFileSync(path.join(path.dirname(dbFile), 'secrets', 'device.key'), 'utf8'), 'base64')
    const key1 = chainVault(secret).open(db.prepare('SELECT key FROM chain_genesis').pluck().get() as string, 'genesis')
    const records = nextBatch(db, deviceId).map(({ record: { link, ...signed } }) => ({
      seq: signed.seq,
      link,
      canonical: canonicalJson(signed),
    }))
    const comments = db.prepare('SELECT comment FROM ratings ORDER BY seq').pluck().all() as string[]
    return { result: verify(genesisHead(key1), records), count: records.length, comments }
  } finally {
    db.close()
  }
}

/**
 * Text as it can reach the contract: any code point, lone surrogate halves, combining marks, decomposed
 * Vietnamese, emoji (two UTF-16 units each), white space at the ends.
 */
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('\u0301', '\u0323', '\u0300\u0323', 'ệ'.normalize('NFD'), 'Chờ lâu quá'.normalize('NFD'), '😀', '👍🏽', ' ', '\n'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
)
const comment = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))

describe('rating comments of any text', () => {
  it('are refused with BAD_INPUT and leave nothing, or are stored in NFC and the chain of stored rows verifies (property)', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    allowLongComments(core.dbFile)
    let stored = 0
    await fc.assert(
      fc.asyncProperty(comment, async (text) => {
        const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
        const result = await core.invoke(
          'rating:submit',
          { ticketUid: ticket.uid, counterId: null, levelKey: 'not_satisfied', reasons: [], comment: text, language: 'vi' },
          TEST_CLIENT,
        )
        if (result.ok) stored++
        else expect(result.error.code).toBe('BAD_INPUT')
        const chain = chainFromRows(core.dbFile)
        expect(chain.count).toBe(stored)
        expect(chain.result).toMatchObject({ ok: true, head: { seq: stored } })
        if (result.ok) expect(chain.comments.at(-1)).toBe(text.normalize('NFC').trim())
      }),
      {
        numRuns: 150,
        examples: [
          ['Chờ lâu \ud800 quá'],
          ['Chờ lâu quá'.normalize('NFD')],
          ['😀'.repeat(1000)],
          [`${'ê'.repeat(999)}\udc00`],
        ],
      },
    )
    // Both outcomes were met, so the property held for accepted and refused texts alike.
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(154)
  })
})

/**
 * The other free text a chained record carries: the officer's name and the level's label, both set by IT. Either
 * is refused at the contract or stored in NFC, and the rating that copies it into the chain re-verifies.
 */
describe("an officer's name and a level's label of any text", () => {
  it('are refused with BAD_INPUT, or stored in NFC and chained so that the stored rows verify (property)', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    const itWindow = { clientId: 'test:it' } // IT's window; the rating comes from the citizen screen beside it
    expect((await core.invoke('auth:setup', { displayName: 'Quản trị', pin: '482915' }, itWindow)).ok).toBe(true)
    const officerId = query<{ id: number }>(
      core.dbFile,
      'SELECT officer_id AS id FROM assignments WHERE counter_id = (SELECT id FROM counters WHERE number = 1) ORDER BY starts_at DESC LIMIT 1',
    )[0]?.id
    const form = defaultRatingForm(3)
    const name = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''))
    let rated = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(name, name, async (fullName, label) => {
        const officer = { id: officerId, fullName, title: { vi: 'Chuyên viên', en: '' }, active: true, photo: 'keep' }
        const levels = form.levels.map((level, i) => (i === form.levels.length - 1 ? { ...level, label: { ...level.label, vi: label } } : level))
        const saved = [
          await core.invoke('admin:saveOfficer', officer, itWindow),
          await core.invoke('admin:saveRatingForm', { form: { ...form, levels } }, itWindow),
        ]
        for (const result of saved) if (!result.ok) expect(result.error.code).toBe('BAD_INPUT')
        if (saved.some((result) => !result.ok)) return void refused++
        const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: clock.now() })
        const levelKey = levels.at(-1)?.key
        const submit = { ticketUid: ticket.uid, counterId: null, levelKey, reasons: [], comment: '', language: 'vi' }
        expect(await core.invoke('rating:submit', submit, TEST_CLIENT)).toMatchObject({ ok: true })
        rated++
        expect(chainFromRows(core.dbFile).result).toMatchObject({ ok: true, head: { seq: rated } })
        const row = query<{ officer_name: string; level_label: string }>(
          core.dbFile,
          'SELECT officer_name, level_label FROM ratings ORDER BY seq DESC LIMIT 1',
        )[0]
        expect(row).toEqual({ officer_name: fullName.normalize('NFC').trim(), level_label: label.normalize('NFC').trim() })
      }),
      { numRuns: 60, examples: [['Nguyễn \ud800 Văn A', 'Hài lòng'], ['Trần Thị Bích'.normalize('NFD'), 'Rất hài lòng'.normalize('NFD')]] },
    )
    expect(rated).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })
})

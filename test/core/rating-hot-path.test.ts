import crypto from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { getSetting } from '../../electron/core/config/config-repo'
import { chainVault, ChainKeyUnavailableError } from '../../electron/core/ratings/chain-seal'
import { testKiosk } from '../upload/helpers/kiosk'

/**
 * The rating path's caches (prepared statements, parsed settings, the last sealed head): a warm rating compiles
 * no SQL, and no cache ever hands back something the database or the vault would not.
 */
describe('the rating write path', () => {
  it('prepares no statement for a rating once the first one has run', () => {
    const kiosk = testKiosk()
    kiosk.rate(5, { perTransaction: 1 }) // both kinds (positive and negative) warm
    const prepare = vi.spyOn(kiosk.db, 'prepare')
    kiosk.rate(5, { perTransaction: 1 })
    // The fixture's writer prepares its own ticket insert and look-ups once per rate() call; nothing else may.
    const fixture = /INSERT INTO tickets|FROM counters WHERE number|FROM service_fields WHERE prefix|count\(\*\) FROM tickets/
    expect(prepare.mock.calls.map(([sql]) => sql).filter((sql) => !fixture.test(sql))).toEqual([])
    prepare.mockRestore()
    expect(kiosk.db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(10)
  })

  it('reads a setting changed behind its back at once, and shares only frozen values', () => {
    const kiosk = testKiosk()
    const before = getSetting(kiosk.db, 'ratingForm')
    expect(Object.isFrozen(before.levels[0])).toBe(true)
    expect(getSetting(kiosk.db, 'ratingForm')).toBe(before) // unchanged text: the same parse
    // A write that bypasses putSetting (a restore, another tool): the next read sees it.
    const changed = { ...before, commentMaxLength: before.commentMaxLength - 1 }
    kiosk.db.prepare("UPDATE settings SET value = ? WHERE key = 'ratingForm'").run(JSON.stringify(changed))
    expect(getSetting(kiosk.db, 'ratingForm').commentMaxLength).toBe(before.commentMaxLength - 1)
  })

  it('opens the head it sealed last without decrypting, but never a blob it did not seal', () => {
    const secret = crypto.randomBytes(32)
    const vault = chainVault(secret)
    const key = crypto.randomBytes(32).toString('hex')
    const sealed = vault.seal(key, 'head')
    expect(vault.open(sealed, 'head')).toBe(key)
    // The same blob under the other purpose is refused, remembered or not.
    expect(() => vault.open(sealed, 'genesis')).toThrow(ChainKeyUnavailableError)
    // One flipped character of the remembered blob is a different blob: GCM refuses it.
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1)
    expect(() => vault.open(flipped, 'head')).toThrow(ChainKeyUnavailableError)
    // Another device's vault does not share the memory.
    expect(() => chainVault(crypto.randomBytes(32)).open(sealed, 'head')).toThrow(ChainKeyUnavailableError)
    // A fresh vault on the same secret still opens it the long way.
    expect(chainVault(secret).open(sealed, 'head')).toBe(key)
  })
})

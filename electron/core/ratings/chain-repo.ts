import { z } from 'zod'
import type { Db } from '../db/open'
import { cached } from '../db/statements'
import { genesisHead, newGenesisKey, type ChainHead } from '../../../shared/protocol/chain'
import { SEALED_KEY, type ChainVault } from './chain-seal'

const Hex64 = z.string().length(64).regex(/^[0-9a-f]+$/)
const Sealed = z.string().regex(SEALED_KEY)

const HeadRowSchema = z.strictObject({ seq: z.number().int().nonnegative(), link: Hex64, key: Sealed })

/** The head as anyone may see it: seq and link, never the key. */
export function readHead(db: Db): Omit<ChainHead, 'key'> {
  const { seq, link } = readHeadRow(db)
  return { seq, link }
}

function readHeadRow(db: Db): z.infer<typeof HeadRowSchema> {
  const raw = cached(db, 'SELECT seq, link, key FROM chain_head WHERE id = 1').get()
  if (raw === undefined) throw new Error('the chain has not been started (device not initialised)')
  return HeadRowSchema.parse(raw)
}

/** The head with its key, opened with this device's vault (throws ChainKeyUnavailableError on a foreign file). */
export function openHead(db: Db, vault: ChainVault): ChainHead {
  const row = readHeadRow(db)
  return { seq: row.seq, link: row.link, key: vault.open(row.key, 'head') }
}

/** Moves the head forward; the previous key is overwritten here and is gone. Only the sealed key is stored. */
export function writeHead(db: Db, vault: ChainVault, head: ChainHead): void {
  cached(db, 'UPDATE chain_head SET seq = ?, link = ?, key = ? WHERE id = 1').run(
    head.seq,
    head.link,
    vault.seal(head.key, 'head'),
  )
}

/**
 * Starts the chain once per database with a random key_1, kept (sealed) in `chain_genesis` until the collector
 * has it (see forgetGenesisKey). Nothing about key_1 is derived from the device secret: the secret stays on the
 * kiosk for good, so anything derived from it would let a later copy of the kiosk re-chain old ratings. The
 * secret only wraps the keys at rest (chain-seal).
 *
 * Also the upgrade step of migration 9: keys written in plain hex by older versions are sealed here (SQL cannot
 * reach the keychain), with secure_delete on so the plain bytes are zeroed in the page. Answers whether it sealed
 * any, so the caller checkpoints the WAL (where the old page images still sit) once the transaction is over.
 */
export function ensureChainStarted(db: Db, vault: ChainVault): boolean {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM chain_head WHERE id = 1').get() === undefined) {
      const key = newGenesisKey()
      const head = genesisHead(key)
      db.prepare('INSERT INTO chain_head (id, seq, link, key) VALUES (1, ?, ?, ?)').run(
        head.seq,
        head.link,
        vault.seal(key, 'head'),
      )
      db.prepare('INSERT INTO chain_genesis (id, key) VALUES (1, ?)').run(vault.seal(key, 'genesis'))
      return false
    }
    return withSecureDelete(db, () => {
      let sealed = false
      for (const [table, purpose] of [['chain_head', 'head'], ['chain_genesis', 'genesis']] as const) {
        const plain = db.prepare(`SELECT key FROM ${table} WHERE id = 1`).pluck().get()
        if (typeof plain === 'string' && Hex64.safeParse(plain).success) {
          db.prepare(`UPDATE ${table} SET key = ? WHERE id = 1`).run(vault.seal(plain, purpose))
          sealed = true
        }
      }
      return sealed
    })
  })()
}

/** Whether key_1 is still on the kiosk (enrollment has not handed it over yet). */
export function hasGenesisKey(db: Db): boolean {
  return db.prepare('SELECT 1 FROM chain_genesis WHERE id = 1').get() !== undefined
}

/** key_1 (hex) while the collector does not have it yet; null once enrollment has handed it over. */
export function readGenesisKey(db: Db, vault: ChainVault): string | null {
  const raw = db.prepare('SELECT key FROM chain_genesis WHERE id = 1').pluck().get()
  return raw === undefined ? null : vault.open(Sealed.parse(raw), 'genesis')
}

/**
 * Deletes key_1 for good. Call in the transaction that records a successful enrollment. With secure_delete, so
 * the key's bytes are overwritten in the page instead of lingering in its free space. Answers whether it was there.
 */
export function forgetGenesisKey(db: Db): boolean {
  return withSecureDelete(db, () => db.prepare('DELETE FROM chain_genesis WHERE id = 1').run().changes > 0)
}

function withSecureDelete<T>(db: Db, run: () => T): T {
  const previous = Number(db.pragma('secure_delete', { simple: true }))
  db.pragma('secure_delete = ON')
  try {
    return run()
  } finally {
    db.pragma(`secure_delete = ${previous}`)
  }
}

import { z } from 'zod'
import type { Db } from '../db/open'
import { genesisHead, newGenesisKey, type ChainHead } from '../../../shared/protocol/chain'

const Hex64 = z.string().length(64).regex(/^[0-9a-f]+$/)

const HeadRowSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  link: Hex64,
  key: Hex64,
})

export function readHead(db: Db): ChainHead {
  const raw = db.prepare('SELECT seq, link, key FROM chain_head WHERE id = 1').get()
  if (raw === undefined) throw new Error('the chain has not been started (device not initialised)')
  return HeadRowSchema.parse(raw)
}

/** Moves the head forward; the previous key is overwritten here and is gone. */
export function writeHead(db: Db, head: ChainHead): void {
  db.prepare('UPDATE chain_head SET seq = ?, link = ?, key = ? WHERE id = 1').run(head.seq, head.link, head.key)
}

/**
 * Starts the chain once per database with a random key_1, kept in `chain_genesis` until the collector has it
 * (see forgetGenesisKey). Nothing about it is derived from the device secret: the secret stays on the kiosk for
 * good, so anything derived from it would let a later copy of the kiosk re-chain old ratings.
 */
export function ensureChainStarted(db: Db): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM chain_head WHERE id = 1').get() !== undefined) return
    const key = newGenesisKey()
    const head = genesisHead(key)
    db.prepare('INSERT INTO chain_head (id, seq, link, key) VALUES (1, ?, ?, ?)').run(head.seq, head.link, head.key)
    db.prepare('INSERT INTO chain_genesis (id, key) VALUES (1, ?)').run(key)
  })()
}

/** key_1 (hex) while the collector does not have it yet; null once enrollment has handed it over. */
export function readGenesisKey(db: Db): string | null {
  const raw = db.prepare('SELECT key FROM chain_genesis WHERE id = 1').pluck().get()
  return raw === undefined ? null : Hex64.parse(raw)
}

/**
 * Deletes key_1 for good. Call in the transaction that records a successful enrollment. With secure_delete, so
 * the key's bytes are overwritten in the page instead of lingering in its free space. Answers whether it was there.
 */
export function forgetGenesisKey(db: Db): boolean {
  const previous = Number(db.pragma('secure_delete', { simple: true }))
  db.pragma('secure_delete = ON')
  try {
    return db.prepare('DELETE FROM chain_genesis WHERE id = 1').run().changes > 0
  } finally {
    db.pragma(`secure_delete = ${previous}`)
  }
}

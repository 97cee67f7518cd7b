import { z } from 'zod'
import type { Db } from '../db/open'
import { initialHead, type ChainHead } from './chain'

const HeadRowSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  link: z.string().length(64).regex(/^[0-9a-f]+$/),
  key: z.string().length(64).regex(/^[0-9a-f]+$/),
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

/** Starts the chain from the device secret, once per database. */
export function ensureChainStarted(db: Db, deviceSecret: Buffer): void {
  const head = initialHead(deviceSecret)
  db.prepare('INSERT OR IGNORE INTO chain_head (id, seq, link, key) VALUES (1, ?, ?, ?)').run(
    head.seq,
    head.link,
    head.key,
  )
}

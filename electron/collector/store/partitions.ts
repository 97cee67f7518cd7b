import { z } from 'zod'
import type { Store } from './types'

/** Vietnam is UTC+7 all year (no daylight saving): a day or month there starts at 17:00 UTC the day before. */
export const VIETNAM_OFFSET_MS = 7 * 3600_000

/** YYYY-MM-DD in Asia/Ho_Chi_Minh of an instant, whatever the machine's zone. */
export function vietnamDay(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

/** A month as counted in Vietnam: year, month 1–12, and its bounds in epoch ms [from, to). */
export interface Month {
  year: number
  month: number
  from: number
  to: number
}

export function monthOf(ms: number, shift = 0): Month {
  const local = new Date(ms + VIETNAM_OFFSET_MS)
  const index = local.getUTCFullYear() * 12 + local.getUTCMonth() + shift
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return {
    year,
    month,
    from: Date.UTC(year, month - 1, 1) - VIETNAM_OFFSET_MS,
    to: Date.UTC(year, month, 1) - VIETNAM_OFFSET_MS,
  }
}

export function partitionName(m: Pick<Month, 'year' | 'month'>): string {
  return `ratings_y${m.year}m${String(m.month).padStart(2, '0')}`
}

const NAME = /^ratings_y(\d{4})m(\d{2})$/

/** Only one process at a time reshapes the partitions (an arbitrary constant, shared by every collector). */
const PARTITION_LOCK = 7_140_001

/** The month partitions attached to `ratings` now, by name. */
async function attachedMonths(store: Store): Promise<string[]> {
  const rows = await store.all(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'ratings' AND p.relnamespace = to_regnamespace(current_schema())::oid`,
  )
  return rows.map((r) => z.string().parse(r.name)).filter((name) => NAME.test(name))
}

/**
 * Makes sure the months from `behind` before now to `ahead` after exist as partitions. A month's rows already in the
 * DEFAULT partition (a kiosk whose clock ran ahead) move into the new partition in the same transaction, since
 * PostgreSQL refuses to attach a range the default partition holds rows of. Returns the partitions it made.
 */
export async function ensurePartitions(store: Store, now: number, ahead = 3, behind = 1): Promise<string[]> {
  if (store.dialect !== 'postgres') return []
  const have = new Set(await attachedMonths(store))
  const made: string[] = []
  for (let shift = -behind; shift <= ahead; shift++) {
    const m = monthOf(now, shift)
    const name = partitionName(m)
    if (have.has(name)) continue
    await store.tx(async (tx) => {
      await tx.value('SELECT pg_advisory_xact_lock(?)', [PARTITION_LOCK])
      const exists = await tx.value('SELECT to_regclass(?) IS NOT NULL', [name])
      if (exists === true) return
      // Taken first, whole: the moves below and the attach need it, and taking it late could deadlock.
      await tx.run('LOCK TABLE ratings_default IN ACCESS EXCLUSIVE MODE')
      await tx.run(`CREATE TABLE ${name} (LIKE ratings INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`)
      await tx.run(
        `WITH moved AS (DELETE FROM ratings_default WHERE created_at >= ? AND created_at < ? RETURNING *)
         INSERT INTO ${name} SELECT * FROM moved`,
        [m.from, m.to],
      )
      await tx.run(`ALTER TABLE ratings ATTACH PARTITION ${name} FOR VALUES FROM (${m.from}) TO (${m.to})`)
      made.push(name)
    })
  }
  return made
}

/**
 * Retention: detaches the month partitions that ended more than `months` months before now's month (and drops them
 * when `drop`). A detached partition is an ordinary table again: IT can pg_dump it to an archive, then drop it.
 * Each rating leaves its fingerprint in archived_ratings, so exactly-once holds across the archive.
 */
export async function detachOlderThan(store: Store, now: number, months: number, drop: boolean): Promise<string[]> {
  if (store.dialect !== 'postgres') throw new Error('retention by partitions needs PostgreSQL (--database postgres://…)')
  if (!Number.isInteger(months) || months < 1) throw new Error('--months: a whole number ≥ 1')
  const keepFrom = monthOf(now, -months).from
  const done: string[] = []
  for (const name of (await attachedMonths(store)).sort()) {
    const [, year, month] = NAME.exec(name) ?? []
    if (monthOf(Date.UTC(Number(year), Number(month) - 1, 15)).to > keepFrom) continue
    await store.tx(async (tx) => {
      await tx.value('SELECT pg_advisory_xact_lock(?)', [PARTITION_LOCK])
      // The month's fingerprints first, in the same transaction: a rating re-sent after its month left is then
      // compared with what was stored (intake-held.ts, archivedVerdict), never taken on trust.
      await tx.run(
        `INSERT INTO archived_ratings (device_id, seq, uuid, link, canonical_sha256, archived_at)
         SELECT device_id, seq, uuid, link, encode(sha256(convert_to(canonical, 'UTF8')), 'hex'), ? FROM ${name}
         ON CONFLICT (device_id, seq) DO NOTHING`,
        [now],
      )
      await tx.run(`ALTER TABLE ratings DETACH PARTITION ${name}`)
      if (drop) await tx.run(`DROP TABLE ${name}`)
    })
    done.push(name)
  }
  return done
}

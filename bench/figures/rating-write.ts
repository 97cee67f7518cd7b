import crypto from 'node:crypto'
import { z } from 'zod'
import { officerAt } from '../../electron/core/config/config-repo'
import { chainVault } from '../../electron/core/ratings/chain-seal'
import { submitRating } from '../../electron/core/ratings/rating-service'
import { percentile, round, type Figure } from '../harness'
import { benchKiosk, type BenchKiosk } from '../kiosk'

const COUNT = Number(process.env.BENCH_WRITES ?? 2000)
const WARMUP = 100
const STEP_MS = 100

/** Completed tickets, as the queue leaves them, inserted up front in one transaction so only the rating is timed. */
function completedTickets(k: BenchKiosk, n: number): string[] {
  const counterId = z.number().int().parse(k.db.prepare('SELECT id FROM counters WHERE number = 1').pluck().get())
  const fieldId = z.number().int().parse(k.db.prepare("SELECT id FROM service_fields WHERE prefix = 'A'").pluck().get())
  const officer = officerAt(k.db, counterId, k.clock.now())
  const insert = k.db.prepare(
    `INSERT INTO tickets (uid, source, service_day, field_id, number, code, status, counter_id, officer_id,
                          issued_at, called_at, completed_at)
     VALUES (?, 'builtin', '2025-06-02', ?, ?, ?, 'completed', ?, ?, ?, ?, ?)`,
  )
  const now = k.clock.now()
  const uids: string[] = []
  k.db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const uid = crypto.randomUUID()
      insert.run(uid, fieldId, i, `A${String(i).padStart(4, '0')}`, counterId, officer, now - 60_000, now - 30_000, now)
      uids.push(uid)
    }
  })()
  return uids
}

/**
 * A durable rating through the core (rules, chain link, outbox, offer, one IMMEDIATE transaction with
 * synchronous=FULL) against the floor the disk sets: a bare INSERT + COMMIT of the very same rows, same pragmas.
 */
export const ratingWrite: Figure = {
  id: 'rating-write',
  async run(ctx) {
    const core = benchKiosk(ctx.scratch('write-core'))
    const vault = chainVault(core.secret)
    const uids = completedTickets(core, WARMUP + COUNT)
    const coreMs: number[] = []
    uids.forEach((uid, i) => {
      core.clock.advance(STEP_MS)
      const negative = i % 5 === 4
      const t = performance.now()
      submitRating(
        { db: core.db, clock: core.clock, deviceId: core.deviceId, vault },
        {
          ticketUid: uid,
          counterId: null,
          levelKey: negative ? 'not_satisfied' : 'very_satisfied',
          reasons: negative ? ['slow'] : [],
          comment: negative ? `Chờ lâu quá ${i} — “đợi” mãi` : '',
          language: 'vi',
        },
        { mode: 'lobby' },
      )
      if (i >= WARMUP) coreMs.push(performance.now() - t)
    })
    const rows = core.db.prepare('SELECT * FROM ratings ORDER BY seq').all() as Record<string, unknown>[]
    core.db.close()

    const raw = benchKiosk(ctx.scratch('write-raw'))
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'id' && c !== 'ticket_id')
    const insert = raw.db.prepare(
      `INSERT INTO ratings (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    )
    const once = raw.db.transaction((row: Record<string, unknown>) => insert.run(row))
    const rawMs: number[] = []
    rows.forEach((row, i) => {
      const copy: Record<string, unknown> = Object.fromEntries(columns.map((c) => [c, row[c]]))
      copy.uuid = crypto.randomUUID()
      const t = performance.now()
      once.immediate(copy)
      if (i >= WARMUP) rawMs.push(performance.now() - t)
    })
    raw.db.close()

    const p50 = percentile(coreMs, 50)
    const base50 = percentile(rawMs, 50)
    return [
      {
        id: 'rating-write',
        title: `durable rating through the core, p50/p95 over ${COUNT}`,
        unit: 'ms',
        value: round(p50),
        baseline: { what: 'raw INSERT + COMMIT of the same rows, same pragmas (WAL, synchronous=FULL), p50', value: round(base50) },
        ratio: round(p50 / base50, 2),
        ratioMeaning: 'core p50 / raw p50',
        goal: '≤ 1.5× p50',
        met: p50 / base50 <= 1.5,
        raw: {
          count: COUNT,
          warmup: WARMUP,
          core: { p50: round(p50), p95: round(percentile(coreMs, 95)), p99: round(percentile(coreMs, 99)), max: round(Math.max(...coreMs)) },
          raw: { p50: round(base50), p95: round(percentile(rawMs, 95)), p99: round(percentile(rawMs, 99)), max: round(Math.max(...rawMs)) },
        },
      },
    ]
  },
}

import { generateRatings } from './generate-ratings'
import type { BenchContext } from './harness'
import { benchKiosk } from './kiosk'

/** How many ratings "a big centre's year" means in the bench (BENCH_RATINGS_1M lowers it for a quick try). */
export const COUNT_1M = Number(process.env.BENCH_RATINGS_1M ?? 1_000_000)
export const LAST_DAY_1M = '2026-05-29'
/** 15:00 in Hà Nội on the last generated day: "today" holds a day's ratings so far. */
export const NOW_1M = Date.UTC(2026, 4, 29, 8)

export interface Kiosk1m {
  /** The kiosk's database file; its folder is a whole data folder (secrets too), so a core can open it. */
  file: string
  fromDay: string
  toDay: string
  generatorMs: number
}

const KEY = 'kiosk-1m'

/** Remembers a generated year of ratings for the figures after this one (generating it takes a while). */
export function share1m(ctx: BenchContext, kiosk: Kiosk1m): void {
  ctx.cache.set(KEY, kiosk)
}

/** The year of ratings another figure made in this run, or a new one (closed: the caller opens it as it needs). */
export function kiosk1m(ctx: BenchContext): Kiosk1m {
  const cached = ctx.cache.get(KEY) as Kiosk1m | undefined
  if (cached) return cached
  const k = benchKiosk(ctx.scratch('1m'), NOW_1M)
  const t = performance.now()
  const gen = generateRatings(k.db, COUNT_1M, LAST_DAY_1M, 365)
  k.db.close()
  const made = { file: k.file, fromDay: gen.fromDay, toDay: gen.toDay, generatorMs: Math.round(performance.now() - t) }
  share1m(ctx, made)
  return made
}

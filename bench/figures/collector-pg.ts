import path from 'node:path'
import { createEnrollmentToken } from '../../electron/collector/devices'
import { openStore } from '../../electron/collector/store/open'
import { tickingClock } from '../../electron/core/clock'
import { startCollectorProcess, type CollectorProcess } from '../../test/collector/helpers/collector-process'
import { send, SimDevice, type SignedRequest } from '../../test/collector/helpers/sim-device'
import { freshSchemaUrl, startCluster } from '../../test/helpers/pg-cluster'
import { percentile, round, type Figure, type FigureResult } from '../harness'

const DEVICES = Number(process.env.BENCH_PG_DEVICES ?? 500)
const PER_DEVICE = 40 // 500 × 40 = 20 000 ratings: a province's day
const BATCH = 20
const PROCESSES = Number(process.env.BENCH_PG_PROCESSES ?? 2)
const PEAK_RATE = 100 // batches per second
const PEAK_SECONDS = Number(process.env.BENCH_PG_PEAK_SECONDS ?? 20)
const START = Date.UTC(2026, 10, 26, 1, 0, 0)

/** Sends with at most `width` in flight; returns each request's latency and status. */
async function closedLoop(jobs: (() => SignedRequest)[], urls: string[], width: number) {
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++
      const request = jobs[index]?.()
      if (request === undefined) continue
      const t = performance.now()
      const { status } = await send(urls[index % urls.length] ?? '', request)
      latencies.push(performance.now() - t)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
  return { latencies, statuses: Object.fromEntries(statuses) }
}

/** Open loop: request i leaves at t0 + i / rate whatever the answers do, so a slow server cannot slow the load. */
async function openLoop(requests: SignedRequest[], urls: string[], rate: number) {
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const t0 = performance.now()
  const inFlight: Promise<void>[] = []
  for (const [i, request] of requests.entries()) {
    const wait = t0 + (i * 1000) / rate - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const t = performance.now()
    inFlight.push(
      send(urls[i % urls.length] ?? '', request).then(({ status }) => {
        latencies.push(performance.now() - t)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }),
    )
  }
  await Promise.all(inFlight)
  return { latencies, statuses: Object.fromEntries(statuses), seconds: (performance.now() - t0) / 1000 }
}

/**
 * The province side on PostgreSQL: a throwaway cluster (as the tests start one), PROCESSES collector processes on
 * it, DEVICES simulated kiosks with real chains and signatures. First a province's day (20 000 ratings in batches of
 * 20, a heartbeat after each batch) as fast as it goes; then the national peak, 100 batches/s of 20 ratings, open
 * loop, for PEAK_SECONDS.
 */
export const collectorPg: Figure = {
  id: 'collector-pg',
  async run(ctx) {
    const cluster = await startCluster()
    const processes: CollectorProcess[] = []
    try {
      const database = await freshSchemaUrl(cluster.url, 'bench')
      const store = await openStore({ database, dbFile: path.join(ctx.scratch('pg'), 'unused.db'), now: START })
      const devices = Array.from({ length: DEVICES }, (_, i) => new SimDevice(`Kiosk ${i + 1}`))
      const tokens: string[] = []
      for (const d of devices) tokens.push(await createEnrollmentToken(store, d.label, START, 3600_000))
      await store.close()
      const admin = 'bench-admin'
      for (let i = 0; i < PROCESSES; i++) processes.push(await startCollectorProcess(['--database', database], START, admin))
      const urls = processes.map((p) => p.url)
      const clock = tickingClock(START)
      const enrolled = await closedLoop(
        devices.map((d, i) => () => ({ path: '/v1/enroll', body: d.enrollBody(tokens[i] ?? ''), headers: { 'content-type': 'application/json' } })),
        urls,
        16,
      )
      if (enrolled.statuses[200] !== DEVICES) throw new Error(`enrollment: ${JSON.stringify(enrolled.statuses)}`)

      // A province's day: each device's ratings spread over opening hours, sent in batches, each followed by a heartbeat.
      const dayJobs: (() => SignedRequest)[] = []
      for (let b = 0; b < PER_DEVICE / BATCH; b++) {
        for (const d of devices) {
          const records = d.rate(BATCH, START + b * 4 * 3600_000, 60_000)
          dayJobs.push(() => d.batch(records, clock.now()), () => d.heartbeat(clock.now()))
        }
      }
      ctx.log(`collector-pg: a day, ${DEVICES * PER_DEVICE} ratings from ${DEVICES} kiosks to ${PROCESSES} processes…`)
      const t = performance.now()
      const day = await closedLoop(dayJobs, urls, 32)
      const dayMs = performance.now() - t
      const ratings = DEVICES * PER_DEVICE

      // The national peak: open loop, prebuilt batches (signed just before the run, well inside the ±300 s window).
      const peakRequests: SignedRequest[] = []
      for (let i = 0; i < PEAK_RATE * PEAK_SECONDS; i++) {
        const d = devices[i % DEVICES]
        if (d === undefined) continue
        peakRequests.push(d.batch(d.rate(BATCH, START + 10 * 3600_000 + i * 1000, 1000), clock.now()))
      }
      ctx.log(`collector-pg: peak, ${PEAK_RATE} batches/s of ${BATCH} for ${PEAK_SECONDS} s…`)
      const peak = await openLoop(peakRequests, urls, PEAK_RATE)
      const check = await openStore({ database, dbFile: path.join(ctx.scratch('pg2'), 'unused.db'), now: START })
      const stored = Number(await check.value('SELECT count(*) FROM ratings'))
      await check.close()

      const dayP95 = percentile(day.latencies, 95)
      const peakP95 = percentile(peak.latencies, 95)
      const achieved = peakRequests.length / peak.seconds
      const okDay = day.statuses[200] === dayJobs.length
      const okPeak = peak.statuses[200] === peakRequests.length
      const results: FigureResult[] = [
        {
          id: 'collector-pg-day',
          title: `a province's day (${ratings} ratings, ${DEVICES} kiosks, batches of ${BATCH} + heartbeats) into ${PROCESSES} collector processes on PostgreSQL`,
          unit: 'ms',
          value: Math.round(dayMs),
          baseline: null,
          ratio: null,
          goal: '≤ 60 000 ms',
          met: okDay && dayMs <= 60_000,
          raw: {
            requests: dayJobs.length,
            statuses: day.statuses,
            ratingsPerSecond: Math.round((ratings / dayMs) * 1000),
            p50Ms: round(percentile(day.latencies, 50), 1),
            p95Ms: round(dayP95, 1),
            inFlight: 32,
          },
        },
        {
          id: 'collector-pg-peak',
          title: `national peak: ${PEAK_RATE} batches/s of ${BATCH} ratings for ${PEAK_SECONDS} s, open loop, p95 latency`,
          unit: 'ms',
          value: round(peakP95, 1),
          baseline: null,
          ratio: null,
          goal: `p95 ≤ 200 ms at ${PEAK_RATE} batches/s`,
          met: okPeak && peakP95 <= 200 && achieved >= PEAK_RATE * 0.95,
          raw: {
            batches: peakRequests.length,
            statuses: peak.statuses,
            achievedBatchesPerSecond: round(achieved, 1),
            ratingsPerSecond: Math.round(achieved * BATCH),
            p50Ms: round(percentile(peak.latencies, 50), 1),
            p99Ms: round(percentile(peak.latencies, 99), 1),
            storedAfterBoth: stored,
          },
        },
      ]
      return results
    } finally {
      await Promise.all(processes.map((p) => p.stop()))
      cluster.stop()
    }
  },
}

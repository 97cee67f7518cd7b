import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import { startCollector } from '../../electron/collector/server'
import { putSetting } from '../../electron/core/config/config-repo'
import { createUploader } from '../../electron/core/upload/uploader'
import { MAX_BATCH_RATINGS } from '../../shared/schemas/upload'
import { bulkRatings } from '../../test/upload/helpers/bulk'
import { round, type Figure } from '../harness'
import { benchKiosk, quietLog } from '../kiosk'

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000)

/**
 * The floor for draining: the same records POSTed in batches of the same size over loopback to a bare server that
 * parses each body and inserts the batch in one transaction (WAL, synchronous=FULL) — no signing, no checks.
 */
async function bareDrain(dir: string, bodies: string[]): Promise<number> {
  const db = new Database(path.join(dir, 'bare.db'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE records (uuid TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL) STRICT')
  const insert = db.prepare('INSERT INTO records (uuid, seq, body) VALUES (?, ?, ?)')
  const store = db.transaction((records: { uuid: string; seq: number }[]) => {
    for (const r of records) insert.run(r.uuid, r.seq, JSON.stringify(r))
  })
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const { ratings } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ratings: { uuid: string; seq: number }[] }
      store.immediate(ratings)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end(body)
    })
  const t = performance.now()
  for (const body of bodies) await post(body)
  const ms = performance.now() - t
  agent.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  db.close()
  return ms
}

export const backlogDrain: Figure = {
  id: 'backlog-drain',
  async run(ctx) {
    const k = benchKiosk(ctx.scratch('drain'))
    bulkRatings(k.db, k.secret, k.deviceId, BACKLOG, k.clock.now(), 300)
    // The baseline's bodies: the same rows, as rating-sized JSON records, in batches of the same size.
    const rows = k.db
      .prepare(
        `SELECT uuid, seq, ticket_code AS ticketCode, counter_number AS counterNumber, officer_id AS officerId,
                officer_name AS officerName, field_prefix AS fieldPrefix, level, level_key AS levelKey,
                level_label AS levelLabel, scale, reasons, comment, language, mode, created_at AS createdAt, link
           FROM ratings ORDER BY seq`,
      )
      .all() as Record<string, unknown>[]
    const bodies: string[] = []
    for (let i = 0; i < rows.length; i += MAX_BATCH_RATINGS) {
      const ratings = rows.slice(i, i + MAX_BATCH_RATINGS).map((r) => ({ ...r, deviceId: k.deviceId, reasons: JSON.parse(String(r.reasons)) as unknown }))
      bodies.push(JSON.stringify({ deviceId: k.deviceId, ratings }))
    }
    const bareMs = await bareDrain(k.dir, bodies)

    const collector = await startCollector({ dbFile: path.join(k.dir, 'collector.db') })
    let kioskMs: number
    let rounds = 0
    let result: string
    try {
      putSetting(k.db, 'upload', {
        enabled: true,
        endpoint: collector.url,
        intervalSeconds: 60,
        timeoutSeconds: 30,
        heartbeatSeconds: 300,
        enrollmentToken: collector.createEnrollmentToken('bench'),
        label: 'bench',
      })
      const uploader = createUploader({ db: k.db, clock: k.clock, deviceId: k.deviceId, deviceSecret: k.secret, appVersion: 'bench', log: quietLog })
      const pending = k.db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck()
      const t = performance.now()
      do {
        result = await uploader.flush('manual')
        rounds++
      } while (Number(pending.get()) > 0 && rounds < 10)
      kioskMs = performance.now() - t
    } finally {
      await collector.close()
    }
    const left = Number(k.db.prepare("SELECT count(*) FROM outbox WHERE state <> 'sent'").pluck().get())
    k.db.close()
    const kioskRate = (BACKLOG / kioskMs) * 1000
    const bareRate = (BACKLOG / bareMs) * 1000
    return [
      {
        id: 'backlog-drain',
        title: `${BACKLOG} backlog drained to the reference collector on 127.0.0.1`,
        unit: 'ratings/s',
        value: Math.round(kioskRate),
        baseline: { what: 'bare loopback POST of the same batches + one insert transaction each', value: Math.round(bareRate) },
        ratio: round(kioskRate / bareRate, 2),
        ratioMeaning: 'kiosk throughput / bare throughput',
        goal: '≥ 0.8× and ≤ 10 s',
        met: left === 0 && kioskRate / bareRate >= 0.8 && kioskMs <= 10_000,
        raw: { backlog: BACKLOG, batches: bodies.length, kioskMs: Math.round(kioskMs), bareMs: Math.round(bareMs), rounds, lastResult: result, notSent: left },
      },
    ]
  },
}

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import { deliverDue } from '../../../electron/collector/alerts/deliver'
import { listAlerts, scanSilentDevices, writeAlertSettings } from '../../../electron/collector/alerts/outbox'
import { ALERT_HEADERS, BACKOFF_BASE_MS, verifyAlertSignature } from '../../../electron/collector/alerts/webhook-signing'
import { testCollector } from '../../upload/helpers/collector'
import { simDevice } from './sim-device'

const SECRET = 'bi-mat-cua-so-noi-vu-2026'
type Behaviour = 'fail' | 'hang' | 'ok'

/** A real webhook receiver on 127.0.0.1 that answers each request as the script says, then 200. */
async function receiver(script: Behaviour[]) {
  const received: { id: string; body: string; verified: boolean; answered: number }[] = []
  const hanging: http.ServerResponse[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined)
      const timestamp = header(ALERT_HEADERS.timestamp)
      const verified = verifyAlertSignature(SECRET, { timestamp, signature: header(ALERT_HEADERS.signature) }, body, Number(timestamp))
      const behaviour = script.shift() ?? 'ok'
      const answered = behaviour === 'ok' ? 200 : behaviour === 'fail' ? 503 : 0
      received.push({ id: header(ALERT_HEADERS.id) ?? '', body, verified, answered })
      if (behaviour === 'hang') hanging.push(res)
      else res.writeHead(answered).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { url, received, delivered: () => received.filter((r) => r.answered === 200) }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const negative = { level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng', reasons: ['slow'], comment: 'Chờ quá lâu' }

describe('alerts: outbox and signed webhook', () => {
  it('a negative rating: written with the rating, then failed, timed out, delivered once, with backoff that grows', async () => {
    const collector = await testCollector()
    const { clock, db } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', clock.now())
    const kiosk = await simDevice(collector, clock, 'tan-phu')
    const sent = await kiosk.send([{}, negative, {}])
    // Re-sending the same batch (a lost answer) is one rating, so one alert.
    const again = await kiosk.resend()
    expect(again.status).toBe(200)
    expect(again.uuids).toEqual(sent.uuids)
    const pending = await listAlerts(db, null)
    expect(pending.map((a) => [a.kind, a.state, a.centre_id])).toEqual([['negative-rating', 'pending', 'tan-phu']])
    expect(JSON.parse(pending[0]?.payload ?? '{}')).toMatchObject({ kind: 'negative-rating', details: { ratingUuid: sent.uuids[1], reasons: ['slow'], hasComment: true } })

    const hook = await receiver(['fail', 'hang', 'ok', 'ok'])
    await writeAlertSettings(db, { url: hook.url, secret: SECRET, silentAfterMinutes: 60 }, clock.now())

    expect(await deliverDue(db, clock, 1000)).toEqual({ delivered: 0, failed: 1 })
    const first = (await listAlerts(db, null))[0]
    expect(first).toMatchObject({ attempts: 1, state: 'pending', last_error: 'HTTP 503', next_at: clock.now() + BACKOFF_BASE_MS })
    // Not due yet: nothing is sent before the backoff has passed.
    expect(await deliverDue(db, clock, 1000)).toEqual({ delivered: 0, failed: 0 })

    clock.advance(BACKOFF_BASE_MS)
    expect(await deliverDue(db, clock, 1000)).toEqual({ delivered: 0, failed: 1 })
    const second = (await listAlerts(db, null))[0]
    expect(second).toMatchObject({ attempts: 2, last_error: 'timeout', next_at: clock.now() + 2 * BACKOFF_BASE_MS })

    clock.advance(2 * BACKOFF_BASE_MS)
    expect(await deliverDue(db, clock, 1000)).toEqual({ delivered: 1, failed: 0 })
    clock.advance(3_600_000)
    expect(await deliverDue(db, clock, 1000)).toEqual({ delivered: 0, failed: 0 })

    expect(hook.received.map((r) => r.id)).toEqual(Array(3).fill(pending[0]?.event_key))
    expect(hook.received.every((r) => r.verified && r.body === pending[0]?.payload)).toBe(true)
    expect(hook.delivered()).toHaveLength(1)
    expect((await listAlerts(db, null))[0]).toMatchObject({ state: 'delivered', attempts: 3, last_error: null })
  })

  it('a tamper verdict raises one alert naming the first bad seq; a satisfied rating raises none', async () => {
    const collector = await testCollector()
    const kiosk = await simDevice(collector, collector.clock, null)
    await kiosk.send([{}, {}])
    expect(await listAlerts(collector.db, null)).toEqual([])
    const badSeq = await kiosk.sendTampered({ level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' })
    const alerts = await listAlerts(collector.db, null)
    const tamper = alerts.find((a) => a.kind === 'tamper')
    expect(JSON.parse(tamper?.payload ?? '{}')).toMatchObject({ details: { firstBadSeq: badSeq, reason: 'link' } })
    expect(alerts.filter((a) => a.kind === 'tamper')).toHaveLength(1)
  })

  it('a device silent past the limit: one alert per silence, none while it is within the limit', async () => {
    const collector = await testCollector()
    const { clock, db } = collector
    await simDevice(collector, clock, null)
    expect(await scanSilentDevices(db, clock.now() + 59 * 60_000, 60 * 60_000)).toBe(0)
    clock.advance(61 * 60_000)
    expect(await scanSilentDevices(db, clock.now(), 60 * 60_000)).toBe(1)
    await scanSilentDevices(db, clock.now() + 60_000, 60 * 60_000)
    expect((await listAlerts(db, null)).map((a) => a.kind)).toEqual(['silent-device'])
  })

  it('a signature made with another secret or over another body does not verify', () => {
    const body = '{"id":"x"}'
    expect(verifyAlertSignature(SECRET, { timestamp: '100', signature: 'v1=00' }, body, 100)).toBe(false)
  })
})

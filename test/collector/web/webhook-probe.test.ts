import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { deliverDue } from '../../../electron/collector/alerts/deliver'
import { listAlerts, writeAlertSettings } from '../../../electron/collector/alerts/outbox'
import { saveCentre } from '../../../electron/collector/centres'
import { testCollector } from '../../upload/helpers/collector'
import { browser, user } from './dashboard-http'
import { simDevice } from './sim-device'

/**
 * The webhook as a province's receiver sees it. The verifier below is written from the README's words only
 * ("v1=" + hex HMAC-SHA256(secret, timestamp + "." + raw body), 300 s window), not from the collector's code.
 */
const SECRET = 'bi-mat-cua-so-noi-vu-2026'

function readmeVerifier(secret: string, headers: http.IncomingHttpHeaders, raw: Buffer, nowSeconds: number): boolean {
  const timestamp = headers['x-kiosk-alert-timestamp']
  const signature = headers['x-kiosk-alert-signature']
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || Math.abs(Number(timestamp) - nowSeconds) > 300) return false
  const mac = crypto.createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`), raw])).digest('hex')
  const expected = Buffer.from(`v1=${mac}`)
  const given = Buffer.from(signature)
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

type Answer = 'crash' | 'hang' | 'ok'
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A receiver on 127.0.0.1: 'crash' reads the body and drops the connection (a receiver dying mid-answer). */
async function receiver(answer: () => Answer, nowSeconds: () => number) {
  const got: { id: string; verified: boolean }[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      got.push({ id: String(req.headers['x-kiosk-alert-id']), verified: readmeVerifier(SECRET, req.headers, Buffer.concat(chunks), nowSeconds()) })
      const what = answer()
      if (what === 'crash') req.socket.destroy()
      else if (what === 'ok') res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/canh-bao`, got }
}

const negative = { level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng', comment: 'Chờ hai tiếng' }

async function negativeRatings(count: number) {
  const collector = await testCollector()
  await saveCentre(collector.db, 'tan-phu', 'UBND xã Tân Phú', collector.clock.now())
  const kiosk = await simDevice(collector, collector.clock, 'tan-phu')
  expect((await kiosk.send(Array.from({ length: count }, () => negative))).status).toBe(200)
  return collector
}

describe('webhook probes', () => {
  it("a receiver that dies mid-answer: retried with the same id, the README's check verifies every attempt", async () => {
    const collector = await negativeRatings(1)
    const { clock, db } = collector
    let calls = 0
    const hook = await receiver(() => (calls++ === 0 ? 'crash' : 'ok'), () => Math.floor(clock.now() / 1000))
    await writeAlertSettings(db, { url: hook.url, secret: SECRET, silentAfterMinutes: 60 }, clock.now())
    expect(await deliverDue(db, clock, 2000)).toEqual({ delivered: 0, failed: 1 })
    expect((await listAlerts(db, null))[0]?.last_error).toMatch(/^network: /)
    clock.advance(30_000)
    expect(await deliverDue(db, clock, 2000)).toEqual({ delivered: 1, failed: 0 })
    expect(hook.got).toHaveLength(2)
    expect(new Set(hook.got.map((g) => g.id)).size).toBe(1)
    expect(hook.got.every((g) => g.verified)).toBe(true)
    // The secret is never shown back, not even to the province that set it.
    await user(db, 'so-noi-vu', 'province', null, clock.now())
    const province = browser(collector.url)
    expect(await province.login('so-noi-vu')).toBe(303)
    const page = (await province.get('/dashboard/alerts')).text
    expect(page).toContain(hook.url)
    expect(page).not.toContain(SECRET)
  })

  it('a receiver that never answers costs one timeout per round, not one per due alert', async () => {
    const collector = await negativeRatings(5)
    const { clock, db } = collector
    const hook = await receiver(() => 'hang', () => Math.floor(clock.now() / 1000))
    await writeAlertSettings(db, { url: hook.url, secret: SECRET, silentAfterMinutes: 60 }, clock.now())
    expect(await deliverDue(db, clock, 300)).toEqual({ delivered: 0, failed: 1 })
    expect(hook.got).toHaveLength(1)
    const alerts = await listAlerts(db, null)
    expect(alerts.map((a) => a.attempts).sort()).toEqual([0, 0, 0, 0, 1])
    expect(alerts.filter((a) => a.attempts === 0).every((a) => a.next_at <= clock.now())).toBe(true)
  })

  it('an allowed URL that answers with a redirect to another target: not followed, the alert stays pending', async () => {
    const collector = await negativeRatings(1)
    const { clock, db } = collector
    // The second target stands for an address the policy refuses (a link-local metadata service); it is on
    // 127.0.0.1 so the test can see whether anything reached it.
    const target = await receiver(() => 'ok', () => Math.floor(clock.now() / 1000))
    const bouncer = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(307, { location: target.url }).end())
    })
    await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise<void>((resolve) => bouncer.close(() => resolve())))
    const url = `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}/canh-bao`
    await writeAlertSettings(db, { url, secret: SECRET, silentAfterMinutes: 60 }, clock.now())
    expect(await deliverDue(db, clock, 2000)).toEqual({ delivered: 0, failed: 1 })
    expect(target.got).toHaveLength(0)
    const [alert] = await listAlerts(db, null)
    expect(alert).toMatchObject({ state: 'pending', attempts: 1, last_error: 'HTTP 307' })
  })
})

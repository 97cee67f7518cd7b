import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { REFUSAL_AUDITS } from '../../electron/core/auth/auth-service'
import { TAKE_LIMIT, TAKE_TOTAL } from '../../electron/core/queue/queue-handlers'
import { startWebHost, type WebHost } from '../../electron/web-host/server'
import { testCore } from '../helpers/core'
import { systemEventsIn } from '../helpers/system-events'
import { tempDir } from '../helpers/temp-dir'
import { query } from '../queue/helpers'

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const hosts: WebHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close()
})

async function start() {
  const rendererDir = tempDir()
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  )
  fs.mkdirSync(path.join(rendererDir, 'assets'))
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const core = testCore()
  const host = await startWebHost({ core, rendererDir, port: 0 })
  hosts.push(host)
  const origin = host.url.replace(/\/$/, '')
  const invoke = vi.spyOn(core, 'invoke')
  // One page's id, as the bridge makes it per page load.
  const page = crypto.randomUUID()
  const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    request(`${origin}/api/call/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-kiosk-client': page, ...headers },
      body: JSON.stringify(body),
    })
  return { core, host, origin, call, invoke, page }
}

describe('web host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { host } = await start()
    expect(new URL(host.url).hostname).toBe('127.0.0.1')
  })

  it('serves index.html with the bridge loaded before the app, and a strict CSP', async () => {
    const { origin } = await start()
    const reply = await request(`${origin}/`)
    expect(reply.status).toBe(200)
    expect(reply.body.indexOf('web-bridge.js')).toBeGreaterThan(-1)
    expect(reply.body.indexOf('web-bridge.js')).toBeLessThan(reply.body.indexOf('assets/app.js'))
    const csp = reply.headers['content-security-policy'] ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe')
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers contract calls through core with the envelope', async () => {
    const { call } = await start()
    const reply = await call('app:info', {})
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { shell: 'web', version: '0.0.0-test' } })
    const bad = await call('rating:lookup', { query: 'A0001', sneaky: true })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('refuses calls from a foreign origin or with a non-JSON body, and writes nothing', async () => {
    const { call, core } = await start()
    const report = { message: 'x', screen: 'home' }
    const foreign = await call('diagnostics:report', report, { origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
    const noOrigin = await call('diagnostics:report', report, { origin: '' })
    expect(noOrigin.status).toBe(403)
    const form = await call('diagnostics:report', report, { 'content-type': 'text/plain' })
    expect(form.status).toBe(415)
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toEqual([])
  })

  it("passes the page's X-Kiosk-Client header to core as the client id: each page has its own session", async () => {
    const { call, invoke, page } = await start()
    const other = crypto.randomUUID()
    const setup = await call('auth:setup', { displayName: 'Quản trị', pin: '482915' })
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true, value: { status: 'ok' } })
    expect(invoke.mock.calls[0]?.[2]).toEqual({ clientId: `web:${page}` })
    const mine = JSON.parse((await call('auth:session', {})).body) as { value: unknown }
    const theirs = JSON.parse((await call('auth:session', {}, { 'x-kiosk-client': other })).body) as { value: unknown }
    expect(mine.value).toMatchObject({ role: 'admin', displayName: 'Quản trị' })
    expect(theirs.value).toBeNull()
    expect(invoke.mock.calls[2]?.[2]).toEqual({ clientId: `web:${other}` })
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a UUID', 'wc:1'],
    ['too long', `${crypto.randomUUID()}${'0'.repeat(300)}`],
    ['a UUID with extra text', `${crypto.randomUUID()} x`],
  ])('answers 400 BAD_INPUT to a %s X-Kiosk-Client header and never calls core', async (_name, value) => {
    const { origin, invoke } = await start()
    const headers: Record<string, string> = { 'content-type': 'application/json', origin }
    if (value !== undefined) headers['x-kiosk-client'] = value
    const reply = await request(`${origin}/api/call/diagnostics:report`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: 'x', screen: 'home' }),
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(invoke).not.toHaveBeenCalled()
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { origin } = await start()
    const reply = await request(`${origin}/`, { headers: { host: 'attacker.example:80' } })
    expect(reply.status).toBe(421)
  })

  it('rejects unknown calls, bodies that are not JSON, and bodies over 1 MB', async () => {
    const { origin, call } = await start()
    expect((await call('rating:delete', {})).status).toBe(404)
    const notJson = await request(`${origin}/api/call/app:info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-kiosk-client': crypto.randomUUID() },
      body: '{nope',
    })
    expect(notJson.status).toBe(400)
    const huge = await call('diagnostics:report', { message: 'x'.repeat(1_100_000), screen: 'home' })
    expect(huge.status).toBe(413)
  })

  it('answers malformed percent-escapes like any unknown call or file, never with a 500', async () => {
    const { origin, call, invoke } = await start()
    for (const channel of ['%ZZ', '%', '%E0%A4%A', 'app%3Ainfo%']) {
      const reply = await call(channel, {})
      expect(reply.status, channel).toBe(404)
      expect(JSON.parse(reply.body), channel).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
    }
    for (const p of ['/media/%E0%A4%A', '/media/seed/%ZZ.svg', '/media/%', '/%E0%A4%A', '/assets/%']) {
      const reply = await request(`${origin}${p}`)
      expect(reply.status, p).toBe(404)
      expect(reply.body, p).toBe('not found')
    }
    expect(invoke).not.toHaveBeenCalled()
    // An escape that does decode still reaches its call.
    expect((await call('app%3Ainfo', {})).status).toBe(200)
  })

  it('refuses an invalid collector endpoint with BAD_INPUT, not an internal error', async () => {
    const { call } = await start()
    // The call is IT's: the first admin logs in on this page, so the refusal is the input's, not access.
    expect(JSON.parse((await call('auth:setup', { displayName: 'Quản trị', pin: '482915' })).body)).toMatchObject({ ok: true })
    const config = { enabled: true, endpoint: 'x', intervalSeconds: 60, timeoutSeconds: 15, heartbeatSeconds: 300, enrollmentToken: null, label: '' }
    const reply = await call('sync:configure', { config, clearToken: false })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('serves seed media and refuses to leave its folders', async () => {
    const { origin } = await start()
    const photo = await request(`${origin}/media/seed/officer-1.svg`)
    expect(photo.status).toBe(200)
    expect(photo.headers['content-type']).toBe('image/svg+xml')
    for (const p of ['/media/seed/../../package.json', '/media/seed/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      expect((await request(`${origin}${p}`)).status, p).toBe(404)
    }
  })

  /** Opens the event stream, runs `act` once it is connected, and gives back what came until `done` says so. */
  function stream(origin: string, act: () => Promise<unknown>, done: (buffer: string) => boolean): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const req = http.get(`${origin}/api/events`, (res) => {
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffer += chunk
          if (buffer === ': connected\n\n') void act()
          if (done(buffer)) {
            req.destroy()
            resolve(buffer)
          }
        })
      })
      req.on('error', reject)
    })
  }

  it('pushes core events on the event stream', async () => {
    const { origin, call } = await start()
    const received = await stream(
      origin,
      () => call('queue:take', { fieldId: 1, priorityGroup: null }),
      (buffer) => buffer.includes('event: queue:changed') && buffer.endsWith('\n\n'),
    )
    expect(received).toContain('event: queue:changed')
  })

  it("never pushes IT's system log on the stream every page gets (renderer errors, stacks)", async () => {
    const { origin, call } = await start()
    const report = { message: 'Lỗi bí mật', screen: 'home', stack: 'at secret (C:/kiosk/app.js:1)' }
    // The report first, then a number: once the number's push has come, the report's would have come before it.
    const received = await stream(
      origin,
      async () => {
        expect(JSON.parse((await call('diagnostics:report', report)).body)).toMatchObject({ ok: true })
        await call('queue:take', { fieldId: 1, priorityGroup: null })
      },
      (buffer) => buffer.includes('event: queue:changed') && buffer.endsWith('\n\n'),
    )
    expect(received).not.toContain('system:event')
    expect(received).not.toContain('Lỗi bí mật')
  })
})

/** The hardening issue's findings, probed as then: from a citizen page (no staff session) over real HTTP. */
describe('a citizen page cannot reach staff calls through the web host', () => {
  const envelope = (reply: Reply) => JSON.parse(reply.body) as { ok: boolean; error?: { code: string; message: string } }

  it('"sync now" answers FORBIDDEN every time (the handler never runs); IT on the same page may', async () => {
    const { call, invoke } = await start()
    const replies = await Promise.all(Array.from({ length: 10 }, () => call('sync:now', {})))
    expect(replies.map((r) => envelope(r).error?.code)).toEqual(Array(10).fill('FORBIDDEN'))
    expect(invoke).toHaveBeenCalledTimes(10)
    expect(envelope(await call('auth:setup', { displayName: 'Quản trị', pin: '482915' })).ok).toBe(true)
    expect(envelope(await call('sync:now', {})).ok).toBe(true)
  })

  it('does not hand the IT system log to a citizen page', async () => {
    const { call, core } = await start()
    expect(systemEventsIn(core.dbFile, 'db.created')).toHaveLength(1) // there is something to leak
    const reply = await call('system:events', { limit: 500 })
    expect(envelope(reply)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(reply.body).not.toContain('db.created')
  })

  it('takes a few error reports from a page, then drops the flood without writing it', async () => {
    const { call, core } = await start()
    const report = { message: 'Lỗi hiển thị', screen: 'home', stack: 'x'.repeat(4000) }
    const codes: string[] = []
    for (let i = 0; i < 60; i++) codes.push(envelope(await call('diagnostics:report', report)).error?.code ?? 'ok')
    expect(codes.filter((c) => c === 'ok')).toHaveLength(20)
    expect(codes.slice(20)).toEqual(Array(40).fill('RATE_LIMITED'))
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toHaveLength(20)
  })

  it('caps the reports of all pages together: new page ids each load do not reopen the tap', async () => {
    const { call, core } = await start()
    const report = { message: 'Lỗi hiển thị', screen: 'home' }
    let accepted = 0
    for (let page = 0; page < 15; page++) {
      const headers = { 'x-kiosk-client': crypto.randomUUID() }
      for (let i = 0; i < 20; i++) if (envelope(await call('diagnostics:report', report, headers)).ok) accepted++
    }
    expect(accepted).toBe(200)
    expect(systemEventsIn(core.dbFile, 'renderer.error')).toHaveLength(200)
  })
  it('caps the audit rows of refused logins of all pages together, while every try gets its normal answer', async () => {
    const { call, core } = await start()
    const itPage = { 'x-kiosk-client': crypto.randomUUID() } // IT's page: sets up, gives officer 1 a PIN, disables it
    expect(envelope(await call('auth:setup', { displayName: 'Quản trị', pin: '482915' }, itPage)).ok).toBe(true)
    const account = envelope(await call('auth:setOfficerPin', { officerId: 1, pin: '314159' }, itPage)) as { value?: { id: number } }
    expect(envelope(await call('auth:disable', { accountId: account.value?.id }, itPage)).ok).toBe(true)
    const audited = () => query<{ n: number }>(core.dbFile, 'SELECT count(*) AS n FROM audit_log')[0]?.n ?? 0
    const before = audited()
    const statuses: string[] = []
    // A citizen page, a new page id per try (each is answered at once: a disabled account costs no PIN hash).
    for (let i = 0; i < 200; i++) {
      const reply = envelope(await call('auth:login', { accountId: account.value?.id, pin: '000000' }, { 'x-kiosk-client': crypto.randomUUID() }))
      statuses.push(reply.error?.code ?? 'answered')
    }
    // Nobody is held back (an officer's own login must never wait for someone else's tries) …
    expect(statuses).toEqual(Array(200).fill('answered'))
    // … but the append-only audit log takes only the allowed rate of such refusals.
    expect(audited() - before).toBe(REFUSAL_AUDITS.burst)
  })

  it('caps the numbers all pages take together: a new page id per call does not reopen the tap', async () => {
    const { call, core } = await start()
    let taken = 0
    // 20 pages, each within its own burst: only the total stops them (the host's clock is fixed: nothing refills).
    for (let page = 0; page < 20; page++) {
      const headers = { 'x-kiosk-client': crypto.randomUUID() }
      for (let i = 0; i < TAKE_LIMIT.burst; i++) if (envelope(await call('queue:take', { fieldId: 1, priorityGroup: null }, headers)).ok) taken++
    }
    expect(taken).toBe(TAKE_TOTAL.burst)
    expect(query<{ n: number }>(core.dbFile, 'SELECT count(*) AS n FROM tickets')[0]?.n).toBe(TAKE_TOTAL.burst)
    const late = await call('queue:take', { fieldId: 1, priorityGroup: null }, { 'x-kiosk-client': crypto.randomUUID() })
    expect(envelope(late).error?.code).toBe('RATE_LIMITED')
  })
})

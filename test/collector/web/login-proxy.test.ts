import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCollector, type Collector } from '../../../electron/collector/server'
import { fixedClock } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'
import { testDatabase } from '../../upload/helpers/collector'
import { browser, PASSWORD, user } from './dashboard-http'

/**
 * The dashboard behind the README's TLS proxy: every browser's socket is the proxy's, so the per-address login
 * limit must count the address the proxy appends to X-Forwarded-For — the last entry, never one the client wrote.
 */
const running: Collector[] = []
afterEach(async () => {
  for (const c of running.splice(0)) await c.close()
})

async function behindProxy() {
  const clock = fixedClock()
  const collector = await startCollector({ dbFile: path.join(tempDir('collector-'), 'c.db'), database: await testDatabase(), clock, trustProxy: true })
  running.push(collector)
  await user(collector.db, 'so-noi-vu', 'province', null, clock.now())
  for (const name of ['kiem-tra-1', 'kiem-tra-2', 'kiem-tra-3']) await user(collector.db, name, 'auditor', null, clock.now())
  return collector
}

/** One login attempt as it reaches the collector through the proxy, `forwarded` being the header the proxy sends. */
async function attempt(url: string, username: string, password: string, forwarded: string): Promise<number> {
  const b = browser(url)
  const form = await b.get('/dashboard/login')
  const token = /name="_login" value="([^"]+)"/.exec(form.text)?.[1] ?? ''
  return (await b.post('/dashboard/login', { _login: token, username, password }, { 'x-forwarded-for': forwarded })).status
}

describe('login limit behind a reverse proxy (--trust-proxy)', () => {
  it("one guesser's ten attempts a minute do not lock out another office's leader", async () => {
    const collector = await behindProxy()
    const names = ['kiem-tra-1', 'kiem-tra-2', 'kiem-tra-3']
    for (let i = 0; i < 10; i++) expect(await attempt(collector.url, names[i % 3] ?? '', 'sai-mat-khau-roi', '203.0.113.9')).toBe(401)
    expect(await attempt(collector.url, 'so-noi-vu', PASSWORD, '203.0.113.9')).toBe(429)
    expect(await attempt(collector.url, 'so-noi-vu', PASSWORD, '198.51.100.20')).toBe(303)
  })

  it('a guesser who writes a new X-Forwarded-For each time is still one address (the one the proxy appended)', async () => {
    const collector = await behindProxy()
    const names = ['kiem-tra-1', 'kiem-tra-2', 'kiem-tra-3']
    for (let i = 0; i < 10; i++) expect(await attempt(collector.url, names[i % 3] ?? '', 'sai-mat-khau-roi', `10.9.9.${i}, 203.0.113.9`)).toBe(401)
    expect(await attempt(collector.url, 'kiem-tra-1', PASSWORD, '10.9.9.77, 203.0.113.9')).toBe(429)
  })
})

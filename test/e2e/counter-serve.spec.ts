import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ExternalTicket } from '../../shared/schemas/queue'
import { startQueueServer, type QueueServer } from '../../electron/queue-server/server'
import { counterId, query, updateSetting } from './db'
import { expect, HOST_CLOCK_START, startHost, test } from './fixtures'

/**
 * Counter mode's rule, its last case in Chromium: the rating open on counter 1's screen closes when the officer
 * starts serving another ticket at that counter, and never comes back. With the built-in queue a serve always
 * follows a call at the same counter, and the call already closes the rating; so this drives the kiosk from an
 * external queue system (the reference queue server, over real HTTP on 127.0.0.1), where a citizen called to
 * counter 2 can be served at counter 1 — a serve there with no call there.
 */

const HOME_HINT = 'Sau khi được phục vụ, quý khách vui lòng đánh giá cán bộ trên màn hình này.'
// The second start of the host: ten minutes after the first, which seeded the officers at their counters.
const RESTART_AT = HOST_CLOCK_START + 10 * 60_000

let dataDir = ''
let feed: QueueServer | null = null
let host: ChildProcess | null = null

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

test.afterEach(async () => {
  if (host) await stop(host)
  await feed?.close()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

function offerStates(dbFile: string): string[] {
  return query<{ state: string }>(dbFile, 'SELECT state FROM rating_offers').map((r) => r.state)
}

test('serving another ticket at the counter closes its open rating, which never reopens', async ({ page }) => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-serve-'))
  const dbFile = path.join(dataDir, 'kiosk.db')
  // First start: the data dir is created and seeded. The queue source is read at start, so it is set in between.
  await stop((await startHost(dataDir)).child)
  let now = () => RESTART_AT
  feed = await startQueueServer({ now: () => now() })
  updateSetting(dbFile, 'queue', (q) => ({
    ...q,
    source: 'external',
    external: { url: feed?.snapshotUrl, pollSeconds: 1, useEtag: false, staleSeconds: 60, timeoutSeconds: 2 },
  }))
  updateSetting(dbFile, 'kiosk', (k) => ({ ...k, mode: 'counter', counterId: counterId(dbFile, 1) }))
  const started = await startHost(dataDir, RESTART_AT)
  host = started.child
  now = started.now

  // A0001 at counter 1; A0002 called to counter 2.
  feed.issue('A')
  feed.issue('A')
  feed.call(1, ['A'])
  feed.call(2, ['A'])
  await page.goto(started.url)
  await expect(page.getByText(HOME_HINT)).toBeVisible()

  feed.complete(1)
  await expect(page.locator('#rating-question')).toBeVisible()
  await expect(page.getByText('Số thứ tự A0001')).toBeVisible()

  // The external system moves A0002's citizen to counter 1 and the officer there starts serving them.
  feed.mutate((tickets: ExternalTicket[]) => {
    const a2 = tickets.find((t) => t.code === 'A0002')
    if (a2) Object.assign(a2, { status: 'serving', counter: 1 })
  })
  await expect(page.getByText(HOME_HINT)).toBeVisible()
  await expect(page.locator('#rating-question')).toHaveCount(0)
  expect(offerStates(dbFile)).toEqual(['superseded'])
  // It was the serve that closed it: A0002 has no call at counter 1, only its serve.
  const counter1 = counterId(dbFile, 1)
  expect(
    query<{ kind: string }>(
      dbFile,
      `SELECT e.kind FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE t.code = 'A0002' AND e.counter_id = ? ORDER BY e.id`,
      counter1,
    ).map((e) => e.kind),
  ).toEqual(['serving'])

  // Many polls later (one a second, A0001 still listed as completed), and after a reload, it has not come back.
  const polled = feed.served.full
  await expect.poll(() => feed?.served.full ?? 0, { timeout: 15_000 }).toBeGreaterThan(polled + 2)
  await expect(page.locator('#rating-question')).toHaveCount(0)
  const asked = page.waitForResponse((r) => r.url().includes('/api/call/rating%3Aopen'))
  await page.reload()
  expect(await (await asked).json()).toEqual({ ok: true, value: null })
  await expect(page.getByText(HOME_HINT)).toBeVisible()
  expect(offerStates(dbFile)).toEqual(['superseded'])

  // A0002's own completion opens its own rating: the counter screen keeps working after the supersede.
  feed.complete(1)
  await expect(page.getByText('Số thứ tự A0002')).toBeVisible()
  await expect(page.getByText('Số thứ tự A0001')).toHaveCount(0)
})

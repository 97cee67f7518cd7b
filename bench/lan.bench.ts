/**
 * The centre network's plain-Node figures (run by `npm run bench` as the figure `centre-network`, or alone), one
 * JSON line (never in tests):
 * - a console's `queue:callNext` until every one of 40 board clients has received both pushes (`queue:called` and
 *   `queue:changed`): p50/p95 over 200 calls, goal p95 ≤ 250 ms. The renderer's paint comes on top (e2e);
 * - the hub process's resident memory idle and with 100 paired clients holding their event streams.
 * The hub runs as its own process (`hub-cli.ts`, through jiti), as on a centre's server PC; clients share this one.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { systemClock } from '../electron/core/clock'
import { createCore, type Core } from '../electron/core/core'
import { fileSecretStore } from '../electron/core/device/secret-store'
import { createRemoteCore } from '../electron/lan/remote-core'
import { loadOrCreateHubIdentity } from '../electron/lan/tls-identity'
import type { CentreOverview } from '../shared/schemas/centre'
import type { DeviceRole } from '../shared/schemas/devices'

const BOARDS_TIMED = 40
const CLIENTS_FOR_MEMORY = 100
const CALLS = Number(process.env.BENCH_LAN_CALLS ?? 200)
const GOAL_P95_MS = 250
const PIN = '246810'
const quiet = { error: () => {}, info: () => {} }
const ctx = { clientId: 'bench:1' }

async function value<T>(core: Core, channel: string, input: unknown, clientId = ctx.clientId): Promise<T> {
  const result = await core.invoke(channel, input, { clientId })
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(2)) if (check()) return
  throw new Error(`bench: never happened: ${what}`)
}

function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? ''
  return Math.round((Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024) * 10) / 10
}

function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(1))
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-lan-bench-'))
  const clients: Core[] = []
  let hub: ReturnType<typeof spawn> | null = null
  try {
    const hubDir = path.join(dir, 'hub')
    const secrets = fileSecretStore(path.join(hubDir, 'secrets'))
    const identity = await loadOrCreateHubIdentity({ dataDir: hubDir, secrets, clock: systemClock, addresses: ['127.0.0.1'] })
    // The hub is started once to learn its port, so the pairing codes name it; the codes are made with it stopped.
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const setup = createCore({
      dataDir: hubDir,
      resourcesDir: path.resolve('resources'),
      shell: 'web',
      appVersion: 'bench',
      secrets,
      clock: systemClock,
      log: quiet,
      lan: { addresses: ['127.0.0.1'], port, spki: identity.spki },
    })
    await value(setup, 'auth:setup', { displayName: 'Quản trị CNTT', pin: PIN })
    const overview = await value<CentreOverview>(setup, 'centre:overview', {})
    const counterOne = overview.counters.find((c) => c.number === 1)?.id ?? 1
    const roles: { role: DeviceRole; counterId: number | null }[] = [
      { role: 'console', counterId: counterOne },
      { role: 'lobby', counterId: null },
      ...Array.from({ length: CLIENTS_FOR_MEMORY - 2 }, () => ({ role: 'board' as const, counterId: null })),
    ]
    const codes: string[] = []
    for (const r of roles) codes.push((await value<{ qrText: string }>(setup, 'devices:pairStart', r)).qrText)
    setup.close()

    const child = spawn(
      process.execPath,
      ['node_modules/jiti/lib/jiti-cli.mjs', 'electron/lan/hub-cli.ts', '--data-dir', hubDir, '--port', String(port), '--host', '127.0.0.1', '--no-announce'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    )
    hub = child
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout ?? process.stdin }).once('line', () => resolve())
      child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)))
    })
    await sleep(1000)
    const hubPid = child.pid ?? 0
    const rssIdleMb = rssMb(hubPid)

    for (const [i, code] of codes.entries()) {
      const clientDir = path.join(dir, `client-${i}`)
      const client = createRemoteCore({
        dataDir: clientDir,
        secrets: fileSecretStore(path.join(clientDir, 'secrets')),
        clock: systemClock,
        appVersion: 'bench',
        name: `Máy ${i + 1}`,
        log: quiet,
      })
      clients.push(client)
      await value(client, 'link:pair', { code })
    }
    const online = async (c: Core) => (await value<{ state?: string }>(c, 'link:status', {})).state === 'online'
    for (const c of clients) {
      for (let i = 0; !(await online(c)); i++) {
        if (i > 5000) throw new Error('bench: a client never came online')
        await sleep(2)
      }
    }
    const [consoleClient, lobby, ...boards] = clients
    if (consoleClient === undefined || lobby === undefined) throw new Error('bench: clients missing')
    const timed = boards.slice(0, BOARDS_TIMED)
    const heard = timed.map(() => ({ called: false, changed: false }))
    timed.forEach((board, i) =>
      board.subscribe((event) => {
        const h = heard[i]
        if (h && event === 'queue:called') h.called = true
        if (h && event === 'queue:changed') h.changed = true
      }),
    )
    const admin = (await value<{ accounts: { id: number; role: string }[] }>(consoleClient, 'auth:accounts', {})).accounts.find(
      (a) => a.role === 'admin',
    )
    await value(consoleClient, 'auth:login', { accountId: admin?.id, pin: PIN })

    const timings: number[] = []
    for (let i = 0; i < CALLS; i++) {
      // A ticket in every field, so counter 1 always has someone to call; its pushes are drained before timing.
      // Each from another lobby window: one screen may take only a few numbers a minute.
      for (const field of overview.fields) {
        await value(lobby, 'queue:take', { fieldId: field.id, priorityGroup: null }, `bench:take-${i}-${field.id}`)
      }
      await until(() => heard.every((h) => h.changed), 'the take heard')
      await sleep(5)
      for (const h of heard) {
        h.called = false
        h.changed = false
      }
      const t0 = performance.now()
      await value(consoleClient, 'queue:callNext', { counterId: counterOne })
      await until(() => heard.every((h) => h.called && h.changed), 'the call heard by every board')
      timings.push(performance.now() - t0)
      await value(consoleClient, 'queue:skip', { counterId: counterOne }) // counter 1 free for the next call
      await until(() => heard.every((h) => h.changed), 'the skip heard')
    }
    const rssWith100Mb = rssMb(hubPid)
    timings.sort((a, b) => a - b)
    const p95 = percentile(timings, 95)
    process.stdout.write(
      `${JSON.stringify({
        bench: 'lan',
        boardClients: timed.length,
        calls: timings.length,
        callToAllBoardsMs: { p50: percentile(timings, 50), p95, max: percentile(timings, 100) },
        goalP95Ms: GOAL_P95_MS,
        hubRssMb: { idle: rssIdleMb, [`with${clients.length}Clients`]: rssWith100Mb },
        ok: p95 <= GOAL_P95_MS,
      })}\n`,
    )
  } finally {
    for (const c of clients) c.close()
    hub?.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exitCode = 1
})

import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type { PairingTicket } from '../../shared/schemas/devices'
import { freePort } from '../helpers/free-port'
import { HOST_CLOCK_START } from './fixtures'

const out = path.resolve(__dirname, '../../out/main')

/** One child process printing one JSON line once it listens (hub.js and web-host.js both do). */
async function spawnHost<T>(bundle: string, args: string[]): Promise<{ child: ChildProcess; first: T; log: () => string }> {
  const file = path.join(out, bundle)
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`)
  const child = spawn(process.execPath, [file, ...args, '--clock-start', String(HOST_CLOCK_START)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const first = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${bundle} did not start: ${stderr}`)), 60_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line) as T)
    })
    child.once('exit', (code) => reject(new Error(`${bundle} exited with ${code}: ${stderr}`)))
  })
  return { child, first, log: () => stderr }
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}

/**
 * A centre network on 127.0.0.1 for one test: the headless hub (`out/main/hub.js`, real TLS, its own data dir and
 * fixed port so it can be killed and started again) and client web hosts (`web-host.js --client`), every one on the
 * same fixed clock start. Everything is stopped and deleted by `close`.
 */
export class Centre {
  private readonly dirs: string[] = []
  private readonly children: ChildProcess[] = []
  private hubChild: ChildProcess | null = null
  /** What each host printed on stderr (link ups and downs with their reasons), for a failed test's report. */
  private readonly logs: { name: string; read: () => string }[] = []
  /** Each client PC's browser, closed with the centre: a page left open keeps reconnecting to a port a later test reuses. */
  private readonly contexts: BrowserContext[] = []
  adminPairing: PairingTicket | null = null

  private constructor(
    readonly hubDir: string,
    readonly port: number,
  ) {
    this.dirs.push(hubDir)
  }

  static async start(): Promise<Centre> {
    const centre = new Centre(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-hub-')), await freePort())
    await centre.startHub(true)
    return centre
  }

  get hubDb(): string {
    return path.join(this.hubDir, 'kiosk.db')
  }

  /** `pairAdmin`: the hub prints a one-time code for the first admin client (a hub without a screen needs it). */
  async startHub(pairAdmin = false): Promise<void> {
    // No DNS-SD here: a test multicasts only inside a network namespace it made (test/lan/discovery.test.ts).
    const args = ['--data-dir', this.hubDir, '--port', String(this.port), '--host', '127.0.0.1', '--no-announce']
    const { child, first, log } = await spawnHost<{ adminPairing?: PairingTicket }>('hub.js', pairAdmin ? [...args, '--pair-admin'] : args)
    this.logs.push({ name: `hub (start ${this.logs.filter((l) => l.name.startsWith('hub')).length + 1})`, read: log })
    this.hubChild = child
    if (first.adminPairing) this.adminPairing = first.adminPairing
  }

  /** As a power cut would: no goodbye to the clients. */
  async killHub(): Promise<void> {
    if (this.hubChild) await stop(this.hubChild, 'SIGKILL')
    this.hubChild = null
  }

  /** A client PC's web host, not paired yet; returns its page URL. */
  async client(): Promise<string> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-client-'))
    this.dirs.push(dataDir)
    const { child, first, log } = await spawnHost<{ url: string }>('web-host.js', ['--client', '--port', '0', '--data-dir', dataDir])
    this.logs.push({ name: `client ${first.url}`, read: log })
    this.children.push(child)
    return first.url
  }

  /** Every host's stderr, in start order. */
  hostLogs(): string {
    return this.logs.map(({ name, read }) => `=== ${name}\n${read()}`).join('\n')
  }

  /** A fresh browser (its own cookies and connections) for one client PC's screen. */
  async page(browser: Browser): Promise<Page> {
    const context = await browser.newContext()
    this.contexts.push(context)
    return context.newPage()
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close()
    for (const child of this.children) await stop(child)
    if (this.hubChild) await stop(this.hubChild)
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}

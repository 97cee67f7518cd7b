import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { test as base } from '@playwright/test'

export interface KioskHost {
  url: string
  dataDir: string
  dbFile: string
  /**
   * The host's clock, read from this process: it started at `HOST_CLOCK_START` and runs in real time. Data a test
   * writes straight into the database ("served 30 s ago") is timed by it, never by this machine's date.
   */
  now(): number
}

/**
 * Every web host starts its clock here (`--clock-start`): a Thursday, 09:00 in Vietnam, in working hours. The
 * suite therefore does the same thing on any date and in any time zone the test machine happens to be in.
 */
export const HOST_CLOCK_START = Date.parse('2026-11-26T09:00:00+07:00')

const webHostBundle = path.resolve(__dirname, '../../out/main/web-host.js')

/**
 * Starts the built web host (`out/main/web-host.js`) on a free port with a fresh data dir and a fixed clock. A spec
 * that restarts a host on the same data dir (a setting read only at start) gives the second start a later instant.
 */
export async function startHost(
  dataDir: string,
  clockStart = HOST_CLOCK_START,
): Promise<{ child: ChildProcess; url: string; now: () => number }> {
  if (!fs.existsSync(webHostBundle)) throw new Error(`${webHostBundle} is missing: run \`npm run build\` first`)
  const args = ['--port', '0', '--data-dir', dataDir, '--clock-start', String(clockStart)]
  const child = spawn(process.execPath, [webHostBundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const started = await new Promise<{ url: string; now: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 60_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line) as { url: string; now: number })
    })
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)))
  })
  // The host's reading when it printed the line, carried forward by this process's monotonic counter: behind the
  // host by the pipe's latency only, so "30 s ago" here is in the host's past too.
  const receivedAt = performance.now()
  const now = () => started.now + Math.round(performance.now() - receivedAt)
  return { child, url: started.url, now }
}

export const test = base.extend<{ kiosk: KioskHost; cspGuard: undefined }>({
  // Every test fails on a Content-Security-Policy violation: the policy is part of the product, not decoration.
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = []
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
      })
      await use(undefined)
      if (violations.length > 0) throw new Error(`CSP violations:\n${violations.join('\n')}`)
    },
    { auto: true },
  ],
  kiosk: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'))
    const { child, url, now } = await startHost(dataDir)
    try {
      await use({ url, dataDir, dbFile: path.join(dataDir, 'kiosk.db'), now })
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect } from '@playwright/test'

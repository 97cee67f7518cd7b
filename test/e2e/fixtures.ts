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
}

const webHostBundle = path.resolve(__dirname, '../../out/main/web-host.js')

/** Starts the built web host (`out/main/web-host.js`) on a free port with a fresh data dir. */
async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  if (!fs.existsSync(webHostBundle)) throw new Error(`${webHostBundle} is missing: run \`npm run build\` first`)
  const child = spawn(process.execPath, [webHostBundle, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 15_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve((JSON.parse(line) as { url: string }).url)
    })
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)))
  })
  return { child, url }
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
    const { child, url } = await startHost(dataDir)
    try {
      await use({ url, dataDir, dbFile: path.join(dataDir, 'kiosk.db') })
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
})

export { expect } from '@playwright/test'

import crypto from 'node:crypto'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { citizenChunks } from '../../bench/citizen-chunks'
import { tempDir } from '../helpers/temp-dir'

/** Checks on the output of `npm run build` (the test command builds before it runs vitest). */
const out = path.resolve(__dirname, '../../out')

function read(relative: string): string {
  const file = path.join(out, relative)
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`)
  return fs.readFileSync(file, 'utf8')
}

describe('build output', () => {
  it('the preload is a single CommonJS file that requires nothing but electron', () => {
    const preload = read('preload/index.js')
    expect(preload).not.toMatch(/^\s*import\s/m)
    expect(preload).not.toMatch(/\bexport\s/)
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(preload).toContain('exposeInMainWorld')
  })

  it('the main bundle keeps better-sqlite3 external (loaded at run time, never bundled or rebuilt)', () => {
    const mainFiles = fs
      .readdirSync(path.join(out, 'main'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'))
    const code = mainFiles.map((f) => read(path.join('main', f))).join('\n')
    expect(code).toMatch(/require\(["']better-sqlite3["']\)/)
    expect(code).not.toContain('SQLITE_VERSION_NUMBER')
    expect(read('main/index.js')).toMatch(/require\(["']electron["']\)/)
  })

  it('the renderer has a page and the web bridge; the page itself never references the bridge', () => {
    const html = read('renderer/index.html')
    expect(html).toMatch(/<script type="module"[^>]*src="\.\/assets\/index-[\w-]+\.js"/)
    expect(html).not.toContain('web-bridge')
    expect(read('renderer/web-bridge.js')).toContain('api/call/')
  })

  it('the built web host starts under plain Node, loads better-sqlite3 and creates the database', async () => {
    const dataDir = tempDir()
    // The testing option end-to-end tests rely on: the core inside the host works on this date, not the machine's.
    const clockStart = Date.UTC(2031, 0, 1, 16, 30)
    const args = ['--port', '0', '--data-dir', dataDir, '--clock-start', '2031-01-01T23:30:00+07:00']
    // Started as plain `node out/main/web-host.js`: no npm around it to set npm_package_version.
    const env = { ...process.env }
    delete env.npm_package_version
    const child = spawn(process.execPath, [path.join(out, 'main/web-host.js'), ...args], { env })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
      })
      const { url, now } = JSON.parse(line) as { url: string; now: number }
      expect(now - clockStart).toBeGreaterThanOrEqual(0)
      expect(now - clockStart).toBeLessThan(60_000)
      const reply = await fetch(new URL('api/call/app:info', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: new URL(url).origin, 'x-kiosk-client': crypto.randomUUID() },
        body: '{}',
      })
      // The health page's version is package.json's, written into the bundle at build time.
      const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }
      expect(await reply.json()).toMatchObject({ ok: true, value: { shell: 'web', name: 'Kiosk Một cửa', version } })
      const db = new Database(path.join(dataDir, 'kiosk.db'), { readonly: true })
      try {
        const created = db.prepare("SELECT at FROM system_events WHERE kind = 'db.created'").pluck().get() as number
        expect(created - clockStart).toBeGreaterThanOrEqual(0)
        expect(created - clockStart).toBeLessThan(60_000)
      } finally {
        db.close()
      }
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('the built web host finds the built worker thread: reports and backups run there', async () => {
    expect(fs.existsSync(path.join(out, 'main/core-worker.js'))).toBe(true)
    const dataDir = tempDir()
    const args = ['--port', '0', '--data-dir', dataDir, '--clock-start', '2031-01-01T23:30:00+07:00']
    const child = spawn(process.execPath, [path.join(out, 'main/web-host.js'), ...args])
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
      })
      const { url } = JSON.parse(line) as { url: string }
      const client = crypto.randomUUID()
      const invoke = async (channel: string, input: unknown) => {
        const reply = await fetch(new URL(`api/call/${channel}`, url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: new URL(url).origin, 'x-kiosk-client': client },
          body: JSON.stringify(input),
        })
        return (await reply.json()) as unknown
      }
      expect(await invoke('auth:setup', { displayName: 'Quản trị CNTT', pin: '246810' })).toMatchObject({ ok: true })
      const report = await invoke('reports:summary', { range: { kind: 'last', days: 7 }, groupBy: 'officer' })
      expect(report).toMatchObject({ ok: true, value: { groupBy: 'officer', total: { total: 0 } } })
      const backup = await invoke('backup:now', { folder: null })
      expect(backup).toMatchObject({ ok: true, value: { file: expect.stringContaining(path.join(dataDir, 'backups')) } })
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('the citizen screens load without the staff and admin pages and without the chart library', () => {
    const renderer = path.join(out, 'renderer')
    const citizen = citizenChunks(renderer)
    expect(citizen.length).toBeGreaterThan(0)
    const code = citizen.map((file) => read(path.join('renderer', file))).join('\n')
    // chart.js tags the canvases it owns with `_chartjs`; the string survives minification.
    expect(code).not.toContain('_chartjs')
    const lazy = fs.readdirSync(path.join(renderer, 'assets')).filter((f) => f.endsWith('.js') && !citizen.includes(`assets/${f}`))
    expect(lazy.some((f) => /^StaffScreen-/.test(f))).toBe(true)
    expect(lazy.some((f) => /^AdminScreen-/.test(f))).toBe(true)
  })

  it('the citizen screens load without the on-screen keyboard, the QR code, the pairing screen and English', () => {
    const renderer = path.join(out, 'renderer')
    const citizen = citizenChunks(renderer)
    const code = citizen.map((file) => read(path.join('renderer', file))).join('\n')
    const lazy = fs
      .readdirSync(path.join(renderer, 'assets'))
      .filter((f) => f.endsWith('.js') && !citizen.includes(`assets/${f}`))
      .map((f) => read(path.join('renderer/assets', f)))
      .join('\n')
    const english = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../renderer/src/i18n/en/rating.json'), 'utf8')) as {
      startHint: string
    }).startHint
    const marks = {
      keyboard: 'hg-button', // react-simple-keyboard's button class
      qrCode: 'errorCorrectionLevel', // the qrcode library's option
      pairing: 'pair-screen__header',
      english,
    }
    for (const [part, mark] of Object.entries(marks)) {
      expect({ part, inCitizen: code.includes(mark) }).toEqual({ part, inCitizen: false })
      // …but still in the build, fetched when first shown: the kiosk works offline from its own files.
      expect({ part, inLazy: lazy.includes(mark) }).toEqual({ part, inLazy: true })
    }
  })
})

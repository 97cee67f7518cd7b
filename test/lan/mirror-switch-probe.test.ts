import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startMirrorSchedule } from '../../electron/lan/update-mirror'
import type { UpdateConfig } from '../../shared/schemas/updates'
import { tempDir } from '../helpers/temp-dir'
import { manualTimers } from '../shell/manual-timers'
import { onCleanup } from './helpers'
import { until } from './lan-fixture'

/** A channel file and its installer for `version`, as electron-builder publishes them. */
function release(version: string) {
  const installer = Buffer.from(`MZ — bộ cài Kiosk Một cửa ${version}`)
  const sha512 = crypto.createHash('sha512').update(installer).digest('base64')
  const exe = `Kiosk-Setup-${version}.exe`
  return { exe, installer, yml: `version: ${version}\nfiles:\n  - url: ${exe}\n    sha512: ${sha512}\n    size: ${installer.length}\n` }
}

/**
 * An update server on 127.0.0.1 under `/feed/`. `hold` keeps the answers of one file name back until released, as
 * a slow province link would: its headers and the first half of its body are sent, the rest waits
 * (a 404 waits whole).
 */
async function feedServer(files: Record<string, Buffer | string>) {
  const held: (() => void)[] = []
  let hold: string | null = null
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').replace(/^\/feed\//, ''))
    const body = files[name]
    if (body === undefined) {
      if (name === hold) held.push(() => res.writeHead(404).end())
      else res.writeHead(404).end()
      return
    }
    const bytes = Buffer.from(body)
    if (name !== hold) return void res.writeHead(200, { 'content-length': bytes.length }).end(bytes)
    const half = Math.floor(bytes.length / 2)
    res.writeHead(200, { 'content-length': bytes.length }).write(bytes.subarray(0, half))
    held.push(() => res.end(bytes.subarray(half)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onCleanup(() => {
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`
  return {
    url,
    hold: (name: string) => {
      hold = name
    },
    heldCount: () => held.length,
    release: () => {
      hold = null
      for (const answer of held.splice(0)) answer()
    },
  }
}

describe('probe: IT changes the update feed again while the mirror is still busy with the previous change', () => {
  it('a correction saved during the extra round is mirrored right after it, not hours later', async () => {
    const old = release('1.2.0')
    const fresh = release('1.3.0')
    const province = await feedServer({ 'latest.yml': old.yml, [old.exe]: old.installer })
    // The intranet feed IT moves the centre to; first typed with a wrong folder, which answers late and then 404.
    const intranet = await feedServer({ 'latest.yml': fresh.yml, [fresh.exe]: fresh.installer })
    const typo = `${intranet.url}typo/`
    const dir = tempDir()
    const timers = manualTimers()
    let config: UpdateConfig = { feedUrl: province.url, channel: 'latest' }
    const mirror = startMirrorSchedule({ dir, config: () => config, now: () => 0, log: () => {}, setTimeout: timers.setTimeout })
    timers.fireNext()
    await until(() => mirror.state().result === 'up-to-date', 'first round mirrored')
    expect(fs.readFileSync(path.join(dir, 'latest.yml'), 'utf8')).toBe(old.yml)

    intranet.hold('typo/latest.yml')
    config = { feedUrl: typo, channel: 'latest' }
    mirror.configured()
    await until(() => intranet.heldCount() === 1, 'the typo round asks the intranet')
    // IT sees the mistake and saves the right address while that round still waits.
    config = { feedUrl: intranet.url, channel: 'latest' }
    mirror.configured()
    intranet.release()

    await until(() => mirror.state().feedUrl === intranet.url && mirror.state().result === 'up-to-date', 'the corrected feed mirrored', 1000)
    expect(fs.readFileSync(path.join(dir, 'latest.yml'), 'utf8')).toBe(fresh.yml)
    expect(fs.readFileSync(path.join(dir, fresh.exe)).equals(fresh.installer)).toBe(true)
  })

  it('a change saved while the scheduled round runs waits for it, and the two never write the folder at once', async () => {
    const latest = release('1.2.0')
    const beta = release('1.3.0-beta.1')
    const feed = await feedServer({ 'latest.yml': latest.yml, [latest.exe]: latest.installer, 'beta.yml': beta.yml, [beta.exe]: beta.installer })
    const dir = tempDir()
    const timers = manualTimers()
    let config: UpdateConfig = { feedUrl: feed.url, channel: 'latest' }
    const mirror = startMirrorSchedule({ dir, config: () => config, now: () => 0, log: () => {}, setTimeout: timers.setTimeout })
    // The scheduled round's installer download answers late; IT switches to beta meanwhile.
    feed.hold(latest.exe)
    timers.fireNext()
    await until(() => feed.heldCount() === 1, 'the scheduled round downloads the installer')
    config = { ...config, channel: 'beta' }
    mirror.configured()
    // The switch is not mirrored beside the running round (its prune would delete the other's download).
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(fs.existsSync(path.join(dir, 'beta.yml'))).toBe(false)
    feed.release()

    // The scheduled round ends (its next one armed, once), and then the switch is mirrored; the health page says so.
    await until(() => timers.pending.length === 1, 'next round armed')
    await until(() => fs.existsSync(path.join(dir, 'beta.yml')), 'beta mirrored after the round', 1000)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(mirror.state()).toMatchObject({ channel: 'beta', result: 'up-to-date', availableVersion: '1.3.0-beta.1', error: null })
    expect(fs.readFileSync(path.join(dir, 'beta.yml'), 'utf8')).toBe(beta.yml)
    expect(fs.readFileSync(path.join(dir, beta.exe)).equals(beta.installer)).toBe(true)
    expect(timers.pending).toHaveLength(1)
  })
})

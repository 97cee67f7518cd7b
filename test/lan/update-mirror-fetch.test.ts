import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mirrorFeed, parseChannelFile, startMirrorSchedule } from '../../electron/lan/update-mirror'
import type { UpdateConfig } from '../../shared/schemas/updates'
import { manualTimers } from '../shell/manual-timers'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from './helpers'

const installer = Buffer.from('MZ — bộ cài Kiosk Một cửa 1.1.0')
const sha = (body: Buffer) => crypto.createHash('sha512').update(body).digest('base64')
const channel = (body: Buffer, name = 'Kiosk Mot cua Setup 1.1.0.exe') =>
  [
    'version: 1.1.0',
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha(body)}`,
    `    size: ${body.length}`,
    `path: ${name}`,
    `sha512: ${sha(body)}`,
    "releaseDate: '2026-11-20T02:00:00.000Z'",
    'stagingPercentage: 10',
    '',
  ].join('\n')

/** The province's update server, played by a real HTTP server on 127.0.0.1 that counts what it is asked for. */
async function provinceFeed(files: Record<string, Buffer | string>) {
  const asked: string[] = []
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice('/kiosk/'.length))
    asked.push(name)
    const body = files[name]
    if (body === undefined) return res.writeHead(404).end()
    res.writeHead(200).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/kiosk/`, asked }
}

describe('the hub mirrors the province feed', () => {
  it('downloads the installer once, checks its sha512, and keeps the channel file byte for byte', async () => {
    const yml = channel(installer)
    const feed = await provinceFeed({ 'latest.yml': yml, 'Kiosk Mot cua Setup 1.1.0.exe': installer })
    const dir = tempDir()
    expect(await mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir })).toEqual(['latest.yml 1.1.0'])
    expect(fs.readFileSync(path.join(dir, 'latest.yml'), 'utf8')).toBe(yml)
    expect(fs.readFileSync(path.join(dir, 'latest.yml'), 'utf8')).toMatch(/^stagingPercentage: 10$/m)
    expect(fs.readFileSync(path.join(dir, 'Kiosk Mot cua Setup 1.1.0.exe'))).toEqual(installer)
    // Again: the installer is already there and intact, so only the channel files are asked for.
    await mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir })
    expect(feed.asked.filter((n) => n.endsWith('.exe'))).toHaveLength(1)
    expect(feed.asked.filter((n) => n === 'latest-linux.yml')).toHaveLength(2)
  })

  it('keeps only what the channel files name: an older release and a download cut by a crash are deleted', async () => {
    const newer = Buffer.from('MZ — bộ cài Kiosk Một cửa 1.2.0')
    const files: Record<string, Buffer | string> = { 'latest.yml': channel(installer), 'Kiosk Mot cua Setup 1.1.0.exe': installer }
    const feed = await provinceFeed(files)
    const dir = tempDir()
    await mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir })
    // IT once tried a beta here, and the hub was cut off in the middle of a download.
    const beta = Buffer.from('MZ — beta')
    fs.writeFileSync(path.join(dir, 'beta.yml'), channel(beta, 'Kiosk beta.exe'))
    fs.writeFileSync(path.join(dir, 'Kiosk beta.exe'), beta)
    fs.writeFileSync(path.join(dir, 'Kiosk Mot cua Setup 1.2.0.exe.partial'), 'MZ — cu')

    const release = channel(newer, 'Kiosk Mot cua Setup 1.2.0.exe').replace('version: 1.1.0', 'version: 1.2.0')
    Object.assign(files, { 'latest.yml': release, 'Kiosk Mot cua Setup 1.2.0.exe': newer })
    expect(await mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir })).toEqual(['latest.yml 1.2.0'])
    expect(fs.readdirSync(dir).sort()).toEqual(['Kiosk Mot cua Setup 1.2.0.exe', 'Kiosk beta.exe', 'beta.yml', 'latest.yml'])
  })

  it('a damaged download is deleted and its release not offered to clients', async () => {
    const good = channel(installer)
    const feed = await provinceFeed({ 'latest.yml': good, 'Kiosk Mot cua Setup 1.1.0.exe': Buffer.from('MZ — cut sh') })
    const dir = tempDir()
    await expect(mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir })).rejects.toThrow(/sha512 does not match/)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('refuses a channel file that names a file outside the feed', async () => {
    const feed = await provinceFeed({ 'latest.yml': channel(installer, '../../secrets/device.key') })
    await expect(mirrorFeed({ feedUrl: feed.url, channel: 'latest', dir: tempDir() })).rejects.toThrow(/not an electron-builder channel file/)
    expect(parseChannelFile('version: 1\nfiles:\n  - url: https://elsewhere.example/x.exe\n    sha512: AA==\n')).toBeNull()
  })
})

describe('the headless hub’s mirror schedule', () => {
  it('follows the feed IT set: nothing without one, the version once mirrored, the error when the feed is wrong', async () => {
    const feed = await provinceFeed({ 'latest.yml': channel(installer), 'Kiosk Mot cua Setup 1.1.0.exe': installer })
    let config: UpdateConfig = { feedUrl: null, channel: 'latest' }
    const timers = manualTimers()
    const logged: string[] = []
    const mirror = startMirrorSchedule({
      dir: tempDir(),
      config: () => config,
      now: () => Date.UTC(2026, 10, 26, 2, 0),
      log: (m) => logged.push(m),
      setTimeout: timers.setTimeout,
    })
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000])
    await mirror.run()
    expect(mirror.state()).toMatchObject({ result: 'no-feed', feedUrl: null })
    config = { feedUrl: feed.url, channel: 'latest' }
    await mirror.run()
    expect(mirror.state()).toMatchObject({ result: 'up-to-date', availableVersion: '1.1.0', lastCheckAt: Date.UTC(2026, 10, 26, 2, 0) })
    config = { feedUrl: feed.url, channel: 'beta' }
    await mirror.run()
    expect(mirror.state()).toMatchObject({ result: 'error', error: expect.stringContaining('no beta.yml nor beta-linux.yml') })
    expect(logged).toHaveLength(1)
  })
})

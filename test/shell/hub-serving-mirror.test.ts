import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { prepareHubServing } from '../../electron/main/hub-serving'
import { exactPin, PinnedAgent, pinnedRequest } from '../../electron/lan/pinned-client'
import type { UpdateConfig } from '../../shared/schemas/updates'
import { cheapCost } from '../auth/helpers'
import { fixedClock, testCore } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from '../lan/helpers'
import { pairClient, until } from '../lan/lan-fixture'
import { manualTimers } from './manual-timers'
import { spyLogger } from './fake-electron'

const installer = Buffer.from('MZ — bộ cài Kiosk Một cửa 1.2.0')
const sha512 = crypto.createHash('sha512').update(installer).digest('base64')
const LATEST = `version: 1.2.0\nfiles:\n  - url: Kiosk-Setup-1.2.0.exe\n    sha512: ${sha512}\n    size: ${installer.length}\nstagingPercentage: 50\n`

/** The province's update server: a real HTTP server on 127.0.0.1. */
async function provinceFeed(): Promise<string> {
  const files: Record<string, Buffer | string> = {
    'latest.yml': LATEST,
    'Kiosk-Setup-1.2.0.exe': installer,
    // The same installer offered on beta (a real beta would carry its own), so the two channels differ only by name.
    'beta.yml': LATEST.replace('version: 1.2.0', 'version: 1.2.0-beta.2'),
  }
  const server = http.createServer((req, res) => {
    const body = files[decodeURIComponent((req.url ?? '/').slice('/feed/'.length))]
    if (body === undefined) res.writeHead(404).end()
    else res.writeHead(200).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`
}

describe('the hub kiosk’s window mirrors the update feed for its clients, as `npm run hub` does', () => {
  it('follows the feed IT set, serves the mirrored release to a paired client, and stops with the server', async () => {
    const dataDir = tempDir()
    const clock = fixedClock()
    const timers = manualTimers()
    let config: UpdateConfig = { feedUrl: null, channel: 'latest' }
    const serving = await prepareHubServing(
      { serveCentre: true, port: 0, host: '127.0.0.1', announce: false },
      {
        dataDir,
        secrets: fileSecretStore(path.join(dataDir, 'secrets')),
        clock,
        log: spyLogger(),
        updateConfig: () => config,
        mirror: { setTimeout: timers.setTimeout },
      },
    )
    if (serving === null) throw new Error('no hub identity')
    const core = testCore({ dataDir, lan: serving.lan, pinCost: cheapCost, clock })
    const server = await serving.serve(core)
    if (server === null) throw new Error('not serving')
    onCleanup(() => server.close())
    // Same first delay as the headless hub: a minute after start.
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000])

    config = { feedUrl: await provinceFeed(), channel: 'latest' }
    timers.fireNext()
    await until(() => fs.existsSync(path.join(dataDir, 'updates', 'latest.yml')), 'latest.yml mirrored')

    const { bearer } = await pairClient(core, { role: 'counter-screen', counterId: 1 })
    const agent = new PinnedAgent(exactPin(serving.lan.spki))
    onCleanup(() => agent.destroy())
    const get = (name: string) =>
      pinnedRequest(agent, { host: '127.0.0.1', port: server.port }, { method: 'GET', path: `/v1/updates/${name}`, headers: { authorization: bearer() } })
    const yml = await get('latest.yml')
    expect(yml.status).toBe(200)
    expect(yml.body.toString('utf8')).toBe(LATEST)
    const exe = await get('Kiosk-Setup-1.2.0.exe')
    expect(exe.status).toBe(200)
    expect(exe.body.equals(installer)).toBe(true)

    // The next round is armed after this one; once the server is closed it downloads nothing more.
    await until(() => timers.pending.length === 1, 'next round armed')
    await server.close()
    fs.rmSync(path.join(dataDir, 'updates'), { recursive: true })
    timers.fireNext()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fs.existsSync(path.join(dataDir, 'updates'))).toBe(false)
  })

  it('mirrors a channel IT switches to at once, not at the next round, so the clients that follow it find it', async () => {
    const dataDir = tempDir()
    const timers = manualTimers()
    let config: UpdateConfig = { feedUrl: await provinceFeed(), channel: 'latest' }
    const serving = await prepareHubServing(
      { serveCentre: true, port: 0, host: '127.0.0.1', announce: false },
      {
        dataDir,
        secrets: fileSecretStore(path.join(dataDir, 'secrets')),
        clock: fixedClock(),
        log: spyLogger(),
        updateConfig: () => config,
        mirror: { setTimeout: timers.setTimeout },
      },
    )
    if (serving === null) throw new Error('no hub identity')
    const server = await serving.serve(testCore({ dataDir, lan: serving.lan, pinCost: cheapCost }))
    if (server === null) throw new Error('not serving')
    onCleanup(() => server.close())
    const beta = path.join(dataDir, 'updates', 'beta.yml')
    // Before the first round the start-up's own call changes nothing: that round reads the config anyway.
    server.updatesConfigured()
    expect(fs.existsSync(path.join(dataDir, 'updates'))).toBe(false)
    timers.fireNext()
    await until(() => timers.pending.length === 1, 'first round done')
    expect(fs.existsSync(beta)).toBe(false)
    config = { ...config, channel: 'beta' }
    server.updatesConfigured()
    await until(() => fs.existsSync(beta), 'beta.yml mirrored without waiting for the next round')
    // Still one round armed, four hours on: the extra round did not start a second schedule.
    expect(timers.pending.map((t) => t.ms)).toEqual([4 * 3600_000])
  })
})

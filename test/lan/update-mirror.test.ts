import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { exactPin, PinnedAgent, pinnedRequest } from '../../electron/lan/pinned-client'
import { clientFeed } from '../../electron/main/client-updates'
import { call, loginAdmin } from '../auth/helpers'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from './helpers'
import { pairClient, startHub } from './lan-fixture'

/** A release as electron-builder publishes it, with the staged rollout IT added to the channel file. */
const LATEST = [
  'version: 1.1.0',
  'files:',
  '  - url: Kiosk-Mot-cua-Setup-1.1.0.exe',
  '    sha512: c2hhNTEyLW9mLXRoZS1pbnN0YWxsZXI=',
  '    size: 11',
  'path: Kiosk-Mot-cua-Setup-1.1.0.exe',
  'sha512: c2hhNTEyLW9mLXRoZS1pbnN0YWxsZXI=',
  "releaseDate: '2026-11-20T02:00:00.000Z'",
  'stagingPercentage: 20',
  '',
].join('\n')

async function hubWithFeed() {
  const updatesDir = tempDir()
  fs.writeFileSync(path.join(updatesDir, 'latest.yml'), LATEST)
  fs.writeFileSync(path.join(updatesDir, 'Kiosk-Mot-cua-Setup-1.1.0.exe'), 'MZ-installer')
  fs.writeFileSync(path.join(tempDir(), 'outside.txt'), 'not for clients')
  const started = await startHub({ updatesDir })
  const agent = new PinnedAgent(exactPin(started.identity.spki))
  onCleanup(() => agent.destroy())
  const get = (p: string, headers: Record<string, string> = {}) =>
    pinnedRequest(agent, { host: '127.0.0.1', port: started.hub.port }, { method: 'GET', path: p, headers })
  return { ...started, get, updatesDir }
}

describe('the hub’s mirror of the update feed', () => {
  it('serves the channel file as published — stagingPercentage included — and the installer to a paired device', async () => {
    const { core, get } = await hubWithFeed()
    const { bearer } = await pairClient(core, { role: 'counter-screen', counterId: 1 })
    const yml = await get('/v1/updates/latest.yml', { authorization: bearer() })
    expect(yml.status).toBe(200)
    // Byte for byte: electron-updater on each client reads stagingPercentage and decides with its own random id.
    expect(yml.body.toString('utf8')).toBe(LATEST)
    expect(yml.body.toString('utf8')).toMatch(/^stagingPercentage: 20$/m)
    const installer = await get('/v1/updates/Kiosk-Mot-cua-Setup-1.1.0.exe', { authorization: bearer() })
    expect(installer.status).toBe(200)
    expect(installer.body.toString('utf8')).toBe('MZ-installer')
  })

  it('refuses devices that are not paired, or no longer are', async () => {
    const { core, get } = await hubWithFeed()
    expect((await get('/v1/updates/latest.yml')).status).toBe(401)
    expect((await get('/v1/updates/latest.yml', { authorization: 'Bearer nope' })).status).toBe(401)
    const { bearer, dataDir } = await pairClient(core, { role: 'board', counterId: null })
    expect((await get('/v1/updates/latest.yml', { authorization: bearer() })).status).toBe(200)
    const { readLink } = await import('../../electron/lan/link-store')
    await call(core, 'devices:revoke', { id: readLink(dataDir)?.deviceId ?? '' })
    expect((await get('/v1/updates/latest.yml', { authorization: bearer() })).status).toBe(401)
  })

  it('serves nothing outside the feed folder', async () => {
    const { core, get, updatesDir } = await hubWithFeed()
    const { bearer } = await pairClient(core, { role: 'lobby', counterId: null })
    fs.mkdirSync(path.join(updatesDir, 'sub'))
    fs.writeFileSync(path.join(updatesDir, '.hidden'), 'x')
    for (const p of ['/v1/updates/../secrets/device.key', '/v1/updates/%2e%2e%2foutside.txt', '/v1/updates/sub', '/v1/updates/.hidden', '/v1/updates/%ZZ', '/v1/updates/']) {
      expect((await get(p, { authorization: bearer() })).status, p).toBe(404)
    }
  })

  it("offers a client the hub's channel only, and a change of channel on the hub reaches the client without pairing again", async () => {
    const { core, get, updatesDir } = await hubWithFeed()
    // A beta release IT tried earlier is still in the folder; the centre follows `latest`.
    fs.writeFileSync(path.join(updatesDir, 'beta.yml'), LATEST.replaceAll('1.1.0', '1.2.0-beta.1'))
    fs.writeFileSync(path.join(updatesDir, 'Kiosk-Mot-cua-Setup-1.2.0-beta.1.exe'), 'MZ-beta')
    const { client, dataDir, bearer } = await pairClient(core, { role: 'counter-screen', counterId: 2 })
    const secrets = fileSecretStore(`${dataDir}/secrets`)
    const served = async (name: string) => (await get(`/v1/updates/${name}`, { authorization: bearer() })).status
    expect(await clientFeed(dataDir, secrets, client)).toMatchObject({ channel: 'latest', url: expect.stringMatching(/\/v1\/updates\/$/) })
    expect([await served('latest.yml'), await served('beta.yml')]).toEqual([200, 404])

    await loginAdmin(core)
    await call(core, 'updates:configure', { feedUrl: 'https://updates.example.gov.vn/kiosk/', channel: 'beta' })
    // The same pairing: the next check asks again and follows beta; the hub now serves beta's file, not latest's.
    expect(await clientFeed(dataDir, secrets, client)).toMatchObject({ channel: 'beta', headers: { authorization: bearer() } })
    expect([await served('latest.yml'), await served('beta.yml')]).toEqual([404, 200])
    expect(await served('Kiosk-Mot-cua-Setup-1.2.0-beta.1.exe')).toBe(200)

    await call(core, 'updates:configure', { feedUrl: 'https://updates.example.gov.vn/kiosk/', channel: 'latest' })
    expect(await clientFeed(dataDir, secrets, client)).toMatchObject({ channel: 'latest' })
    expect([await served('latest.yml'), await served('beta.yml')]).toEqual([200, 404])
  })

  it('gives a client no feed before it is paired, and fails its check rather than guess when the hub cannot say', async () => {
    const { core } = await hubWithFeed()
    const { client, dataDir } = await pairClient(core, { role: 'board', counterId: null })
    const secrets = fileSecretStore(`${dataDir}/secrets`)
    expect(await clientFeed(tempDir(), secrets, client)).toBeNull()
    const { readLink } = await import('../../electron/lan/link-store')
    await call(core, 'devices:revoke', { id: readLink(dataDir)?.deviceId ?? '' })
    await expect(clientFeed(dataDir, secrets, client)).rejects.toThrow(/update channel could not be read/)
  })
})

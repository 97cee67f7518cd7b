import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { readLink } from '../../electron/lan/link-store'
import { ADMIN_PIN, call, loginAdmin } from '../auth/helpers'
import { TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'
import { count, pairClient, startHub, until } from './lan-fixture'

const unzipList = (file: string) => execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n').sort()
const entry = (file: string, name: string) => execFileSync('unzip', ['-p', file, name])
/** Every entry of `file`, unpacked (a nested zip too), as one text to search. */
function everything(file: string): string {
  const dir = tempDir()
  execFileSync('unzip', ['-q', '-o', file, '-d', dir])
  let text = ''
  const walk = (at: string): void => {
    for (const name of fs.readdirSync(at)) {
      const full = path.join(at, name)
      if (fs.statSync(full).isDirectory()) walk(full)
      else if (name.endsWith('.zip')) text += everything(full)
      else text += fs.readFileSync(full, 'latin1')
    }
  }
  walk(dir)
  return text
}

/** The forms a secret could leak in: raw, base64, base64url, hex. */
const forms = (secret: Buffer) => [secret.toString('latin1'), secret.toString('base64'), secret.toString('base64url'), secret.toString('hex')]

describe('"Lưu gói chẩn đoán" on an admin client PC', () => {
  it("saves the hub's part and this PC's own part, labelled, on this PC — with no credential, key or PIN in either", async () => {
    const { core, hub, identity } = await startHub()
    const logDir = tempDir()
    fs.writeFileSync(path.join(logDir, 'main.log'), '[2026-11-30 08:00:00.000] [warn] (shell) › máy quầy: mất kết nối\n')
    const saved: { name: string; zip: Buffer }[] = []
    const save = (name: string, zip: Buffer) => {
      saved.push({ name, zip })
      return Promise.resolve(`/media/usb/${name}`)
    }
    const shellConfig = { unattended: { nightlyRestart: '03:00' }, network: { role: 'client', discover: false } }
    const { client, dataDir, bearer } = await pairClient(core, { role: 'admin-client', counterId: null }, { diagnostics: { logDir, shellConfig, save } })
    const link = readLink(dataDir)
    if (link === null) throw new Error('not paired')
    // The real device credential this PC holds (sealed in its store), and the hub's real TLS private key.
    const credential = fileSecretStore(`${dataDir}/secrets`).getOrCreate(link.credentialName, 32)

    // Not IT yet on this PC: the hub refuses its part, and nothing is saved here either.
    expect(await client.invoke('diagnostics:package', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(saved).toHaveLength(0)

    await loginAdmin(client)
    const result = await client.invoke('diagnostics:package', {}, TEST_CLIENT)
    expect(result).toMatchObject({ ok: true, value: { saved: true, file: expect.stringMatching(/^\/media\/usb\/chan-doan-/) } })
    expect(saved).toHaveLength(1)
    const file = path.join(tempDir(), 'package.zip')
    fs.writeFileSync(file, saved[0]?.zip ?? Buffer.alloc(0))
    expect(result).toMatchObject({ value: { bytes: fs.statSync(file).size } })
    // The file is named after this PC; the hub's own package sits inside under hub/, this PC's part under client/.
    expect(saved[0]?.name.startsWith(`chan-doan-${link.deviceId.slice(0, 8)}-`)).toBe(true)
    const names = unzipList(file)
    const hubZip = names.find((n) => n.startsWith('hub/') && n.endsWith('.zip'))
    expect(names).toEqual(
      ['README.txt', 'client/configuration.json', 'client/link.json', 'client/logs/main.log', 'client/versions.json', hubZip].sort(),
    )
    expect(entry(file, 'README.txt').toString()).toContain('Phần của kiosk chính')
    expect(JSON.parse(entry(file, 'client/versions.json').toString())).toMatchObject({
      app: { version: '0.1.0', role: 'client' },
      deviceId: link.deviceId,
      platform: expect.stringContaining(process.platform),
    })
    const linkPart = JSON.parse(entry(file, 'client/link.json').toString())
    expect(linkPart).toMatchObject({
      status: { mode: 'client', state: 'online', role: 'admin-client', hub: `127.0.0.1:${hub.port}` },
      paired: { deviceId: link.deviceId, spki: identity.spki, port: hub.port },
      history: [{ state: 'offline' }, { state: 'online' }],
    })
    expect(JSON.parse(entry(file, 'client/configuration.json').toString())).toEqual({ shell: shellConfig })
    expect(entry(file, 'client/logs/main.log').toString()).toContain('mất kết nối')
    // The hub's part is the hub's own package: its database statistics and versions.
    const inner = path.join(tempDir(), 'hub.zip')
    fs.writeFileSync(inner, entry(file, hubZip ?? ''))
    expect(unzipList(inner)).toEqual(expect.arrayContaining(['versions.json', 'database.json', 'configuration.json']))
    expect(JSON.parse(entry(inner, 'database.json').toString())).toMatchObject({ rows: { devices: 1 } })

    // No secret in either part: the credential (any encoding, and as the header it travels in), its keychain
    // entry's name, the hub's TLS private key, the admin PIN.
    const text = everything(file)
    for (const form of [...forms(credential), bearer(), link.credentialName, identity.keyPem.split('\n')[1] ?? 'x', ADMIN_PIN]) {
      expect(text.includes(form), form.slice(0, 12)).toBe(false)
    }
    // Audited on the hub, which handed its part to this device.
    expect(count(core.dbFile, "SELECT count(*) FROM audit_log WHERE action = 'diagnostics.collect'")).toBe(1)
  })

  it('saves nothing when the hub cannot be asked, and never lets a device open the save on the hub’s screen', async () => {
    const { core, hub } = await startHub()
    const saved: string[] = []
    const save = (name: string) => (saved.push(name), Promise.resolve(name))
    const { client } = await pairClient(core, { role: 'admin-client', counterId: null }, { diagnostics: { save } })
    await loginAdmin(client)
    // The hub's own save (its dialog, its folder) is the hub screen's call only, whatever a device sends.
    await loginAdmin(core)
    const direct = await core.invoke('diagnostics:package', {}, { clientId: 'lan:x', device: { id: '00000000-0000-4000-8000-000000000009', role: 'admin-client', counterId: null } })
    expect(direct).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await hub.close()
    await until(async () => {
      const s = await client.invoke('link:status', {}, TEST_CLIENT)
      return s.ok && (s.value as { state?: string }).state === 'offline'
    }, 'client offline')
    expect(await client.invoke('diagnostics:package', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    expect(saved).toHaveLength(0)
    expect(await call(core, 'diagnostics:collect', {})).toMatchObject({ name: expect.stringMatching(/\.zip$/) })
  })
})

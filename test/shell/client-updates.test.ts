import { createRequire } from 'node:module'
import type { Session } from 'electron'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { saveLink, type Link } from '../../electron/lan/link-store'
import { bearer } from '../../electron/lan/wire'
import {
  ACCEPT,
  CHROMIUM_DECIDES,
  clientMirrorFeed,
  hubCertificateVerifier,
  REJECT,
  trustHubForUpdates,
  UPDATER_PARTITION,
} from '../../electron/main/client-updates'
import { tempDir } from '../helpers/temp-dir'
import { testIdentity } from '../lan/helpers'
import { createFakeElectron, must, spyLogger } from './fake-electron'

/**
 * A client PC's updater downloads from its hub's mirror through Electron's net stack, which does not know the
 * hub's self-signed certificate: the shell's verify proc decides, and these are its decisions on real certificates.
 */
const link = (spki: string, hosts = ['192.168.1.10']): Link => ({
  v: 1,
  hosts,
  port: 8443,
  spki,
  deviceId: '6f1c2a8e-4b1d-4c6a-9f3e-2d7b8a1c0e55',
  role: 'counter-screen',
  counterId: 3,
  credentialName: 'hub-credential-0123456789ab',
})

type VerifyProc = NonNullable<Parameters<Session['setCertificateVerifyProc']>[0]>
type VerifyRequest = Parameters<VerifyProc>[0]

/** What the proc answers for `pem` presented by `hostname`. */
function decide(proc: VerifyProc, hostname: string, pem: string): number {
  const answers: number[] = []
  proc({ hostname, certificate: { data: pem } } as VerifyRequest, (code) => answers.push(code))
  expect(answers).toHaveLength(1)
  return must(answers[0], 'an answer')
}

describe("the client's updater trusts the hub by its pinned key only", () => {
  it('accepts the pinned key at a hub address, refuses another key there, and leaves every other host to Chromium', async () => {
    const hub = await testIdentity()
    const stranger = await testIdentity()
    const log = spyLogger()
    let current: Link | null = link(hub.spki, ['192.168.1.10', 'fd00::10'])
    const proc = hubCertificateVerifier(() => current, log)
    expect(decide(proc, '192.168.1.10', hub.certPem)).toBe(ACCEPT)
    expect(decide(proc, '[fd00::10]', hub.certPem)).toBe(ACCEPT)
    expect(decide(proc, '192.168.1.10', stranger.certPem)).toBe(REJECT)
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('192.168.1.10'))
    expect(decide(proc, '192.168.1.10', 'not a certificate')).toBe(REJECT)
    // The province's feed and anything else: Chromium's normal checks, even with the hub's own certificate.
    expect(decide(proc, 'updates.example.gov.vn', hub.certPem)).toBe(CHROMIUM_DECIDES)
    expect(decide(proc, '192.168.1.11', hub.certPem)).toBe(CHROMIUM_DECIDES)
    // Not paired (or paired again elsewhere): the old hub's address is nobody special any more.
    current = null
    expect(decide(proc, '192.168.1.10', hub.certPem)).toBe(CHROMIUM_DECIDES)
  })

  it("is installed on electron-updater's own session, never on the windows' session, and reads link.json each time", async () => {
    const hub = await testIdentity()
    // The partition electron-updater really uses (its executor loads electron only when it makes a session).
    const executor = createRequire(__filename)('electron-updater/out/electronHttpExecutor') as { NET_SESSION_NAME: string }
    expect(UPDATER_PARTITION).toBe(executor.NET_SESSION_NAME)
    const fake = createFakeElectron()
    const dataDir = tempDir()
    trustHubForUpdates(fake.session, dataDir, spyLogger())
    expect(fake.session.defaultSession.certificateVerifyProc).toBeNull()
    const installed = must(fake.session.partitions.get(UPDATER_PARTITION), 'updater session')
    expect(installed.options).toEqual({ cache: false })
    const proc = must(installed.session.certificateVerifyProc, 'verify proc')
    expect(decide(proc, '192.168.1.10', hub.certPem)).toBe(CHROMIUM_DECIDES)
    saveLink(dataDir, link(hub.spki))
    expect(decide(proc, '192.168.1.10', hub.certPem)).toBe(ACCEPT)
  })

  it("follows the hub's mirror with the device credential once paired, and has no feed before", () => {
    const dataDir = tempDir()
    const secrets = fileSecretStore(`${dataDir}/secrets`)
    expect(clientMirrorFeed(dataDir, secrets, 'latest')).toBeNull()
    const paired = link('A'.repeat(43))
    saveLink(dataDir, paired)
    const secret = secrets.getOrCreate(paired.credentialName, 32)
    expect(clientMirrorFeed(dataDir, secrets, 'beta')).toEqual({
      url: 'https://192.168.1.10:8443/v1/updates/',
      channel: 'beta',
      headers: { authorization: bearer(paired.deviceId, secret) },
    })
  })
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { exactPin, PinMismatchError, PinnedAgent, pinnedRequest, prefixPin } from '../../electron/lan/pinned-client'
import { loadOrCreateHubIdentity, spkiSha256 } from '../../electron/lan/tls-identity'
import { fixedClock } from '../helpers/core'
import { helloServer, onCleanup, recordingTlsServer, testIdentity } from './helpers'

const CREDENTIAL = 'Bearer 0b7e3f2a-0000-4000-8000-000000000001.top-secret-credential'

function agentFor(pin: string): PinnedAgent {
  const agent = new PinnedAgent(exactPin(pin))
  onCleanup(() => agent.destroy())
  return agent
}

describe('hub TLS identity', () => {
  it('is made once, the private key stored only sealed, and loads back with the same key', async () => {
    const first = await testIdentity()
    const sealed = fs.readFileSync(path.join(first.dataDir, 'lan', 'hub-key.sealed'), 'utf8')
    expect(sealed).not.toContain('PRIVATE KEY')
    expect(sealed).not.toContain(first.keyPem.split('\n')[1])
    const again = await loadOrCreateHubIdentity({
      dataDir: first.dataDir,
      secrets: fileSecretStore(path.join(first.dataDir, 'secrets')),
      clock: fixedClock(),
    })
    expect(again).toEqual({ keyPem: first.keyPem, certPem: first.certPem, spki: first.spki })
    const cert = new crypto.X509Certificate(first.certPem)
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1')
    expect(cert.checkPrivateKey(crypto.createPrivateKey(first.keyPem))).toBe(true)
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(fixedClock().now() + 10 * 365 * 24 * 3600 * 1000)
  })

  it('refuses to load with another keychain (a data folder copied to another PC), and does not replace the key', async () => {
    const first = await testIdentity()
    const otherSecrets = fileSecretStore(path.join(first.dataDir, 'other-secrets'))
    await expect(
      loadOrCreateHubIdentity({ dataDir: first.dataDir, secrets: otherSecrets, clock: fixedClock() }),
    ).rejects.toThrow(/keychain/)
    expect(spkiSha256(fs.readFileSync(path.join(first.dataDir, 'lan', 'hub-cert.pem'), 'utf8'))).toBe(first.spki)
  })

  it('spkiSha256 is the SHA-256 of the DER SubjectPublicKeyInfo, base64url', async () => {
    const { certPem, spki } = await testIdentity()
    const der = new crypto.X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
    expect(spki).toBe(crypto.createHash('sha256').update(der).digest('base64url'))
    expect(spki).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })
})

describe('pinned HTTPS client', () => {
  it('talks to the server with the pinned key', async () => {
    const hub = await testIdentity()
    const server = await helloServer(hub)
    const res = await pinnedRequest(agentFor(hub.spki), { host: '127.0.0.1', port: server.port }, { method: 'GET', path: '/' })
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('hello')
  })

  it('refuses another server on the same address, which receives not one byte (no credential, no body)', async () => {
    const hub = await testIdentity()
    const real = await helloServer(hub)
    const port = real.port
    await real.close()
    const imposter = await recordingTlsServer(await testIdentity(), port)
    const request = pinnedRequest(agentFor(hub.spki), { host: '127.0.0.1', port }, {
      method: 'POST',
      path: '/v1/call/rating:submit',
      headers: { authorization: CREDENTIAL },
      body: JSON.stringify({ levelKey: 'good' }),
    })
    await expect(request).rejects.toBeInstanceOf(PinMismatchError)
    expect(imposter.received()).toBe('')
  })

  it('a prefix pin (typed short code) accepts the right key and refuses another', async () => {
    const hub = await testIdentity()
    const server = await helloServer(hub)
    const prefix = Buffer.from(hub.spki, 'base64url').subarray(0, 5)
    const good = new PinnedAgent(prefixPin(prefix))
    onCleanup(() => good.destroy())
    const to = { host: '127.0.0.1', port: server.port }
    expect((await pinnedRequest(good, to, { method: 'GET', path: '/' })).status).toBe(200)
    const wrong = Buffer.from(prefix)
    wrong.writeUInt8(wrong.readUInt8(0) ^ 1, 0)
    const bad = new PinnedAgent(prefixPin(wrong))
    onCleanup(() => bad.destroy())
    await expect(pinnedRequest(bad, to, { method: 'GET', path: '/' })).rejects.toBeInstanceOf(PinMismatchError)
  })

  it('why the agent checks the key itself: rejectUnauthorized:false + checkServerIdentity sends the credential anyway', async () => {
    const imposter = await recordingTlsServer(await testIdentity())
    let identityChecked = false
    const socket = tls.connect({
      host: '127.0.0.1',
      port: imposter.port,
      rejectUnauthorized: false,
      checkServerIdentity: () => {
        identityChecked = true
        return new Error('refused')
      },
    })
    socket.write(`authorization: ${CREDENTIAL}\r\n`)
    await new Promise<void>((resolve) => socket.once('secureConnect', resolve))
    await new Promise<void>((resolve) => {
      const poll = () => (imposter.received() === '' ? setImmediate(poll) : resolve())
      poll()
    })
    socket.destroy()
    expect(identityChecked).toBe(false) // never called for a self-signed certificate
    expect(imposter.received()).toContain(CREDENTIAL)
  })
})

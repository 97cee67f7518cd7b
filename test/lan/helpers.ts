import https from 'node:https'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import { afterEach } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { loadOrCreateHubIdentity, type HubIdentity } from '../../electron/lan/tls-identity'
import { fixedClock } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

const closers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

/** Runs `close` after the test, last registered first. */
export function onCleanup(close: () => Promise<void> | void): void {
  closers.push(async () => close())
}

/** A fresh hub identity in its own data dir (real key pair, real certificate). */
export async function testIdentity(): Promise<HubIdentity & { dataDir: string }> {
  const dataDir = tempDir()
  const identity = await loadOrCreateHubIdentity({
    dataDir,
    secrets: fileSecretStore(`${dataDir}/secrets`),
    clock: fixedClock(),
    addresses: ['127.0.0.1'],
  })
  return { ...identity, dataDir }
}

/** A plain TLS server with `identity` that records every application byte any client sends it. */
export async function recordingTlsServer(
  identity: HubIdentity,
  port = 0,
): Promise<{ port: number; received: () => string }> {
  let received = ''
  const server = tls.createServer({ key: identity.keyPem, cert: identity.certPem, minVersion: 'TLSv1.3' }, (s) => {
    s.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
    s.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { port: (server.address() as AddressInfo).port, received: () => received }
}

/** An HTTPS server with `identity` answering every request with "hello". */
export async function helloServer(identity: HubIdentity, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = https.createServer({ key: identity.keyPem, cert: identity.certPem, minVersion: 'TLSv1.3' }, (_req, res) =>
    res.end('hello'),
  )
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  onCleanup(close)
  return { port: (server.address() as AddressInfo).port, close }
}

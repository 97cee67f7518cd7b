import 'reflect-metadata' // @peculiar/x509 (through tsyringe) needs the Reflect metadata API loaded first
import crypto, { webcrypto } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as x509 from '@peculiar/x509'
import { z } from 'zod'
import type { Clock } from '../core/clock'
import type { SecretStore } from '../core/device/secret-store'

x509.cryptoProvider.set(webcrypto)

/** The hub's TLS identity: what `tls.createServer` needs, and the pin clients keep. */
export interface HubIdentity {
  keyPem: string
  certPem: string
  /** base64url SHA-256 of the certificate's DER SubjectPublicKeyInfo: what a client pins. */
  spki: string
}

export interface IdentityOptions {
  dataDir: string
  secrets: SecretStore
  clock: Clock
  /** The names put in the certificate; default: 127.0.0.1, localhost and this PC's IPv4 addresses. */
  addresses?: string[]
}

/** Secret names in the SecretStore (OS keychain under Electron): the AES key that seals the hub's private key. */
const SEAL_KEY = 'hub-tls-seal'
const DIR = 'lan'
const CERT_FILE = 'hub-cert.pem'
const KEY_FILE = 'hub-key.sealed'
/**
 * Twenty years. Clients never check dates or names: they pin the key (see pinned-client.ts), so a short validity
 * would only make a centre's hub stop working one day for no security gain. Replacing the key means re-pairing.
 */
const VALIDITY_MS = 20 * 365 * 24 * 3600 * 1000
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

const SealedSchema = z.strictObject({
  v: z.literal(1),
  iv: z.base64url(),
  tag: z.base64url(),
  data: z.base64url(),
})

/** base64url(SHA-256(DER SubjectPublicKeyInfo)) of a PEM certificate. */
export function spkiSha256(certPem: string): string {
  return spkiOf(new crypto.X509Certificate(certPem))
}

export function spkiOf(cert: crypto.X509Certificate): string {
  const der = cert.publicKey.export({ type: 'spki', format: 'der' })
  return crypto.createHash('sha256').update(der).digest('base64url')
}

/** The hub's IPv4 addresses as a client on the LAN would dial them, loopback first. */
export function localAddresses(): string[] {
  const found = Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address)
  return ['127.0.0.1', ...new Set(found)]
}

/**
 * The hub's key pair and certificate: made on first start, loaded afterwards. The private key is stored only
 * sealed (AES-256-GCM under a key held by the SecretStore — the OS keychain under Electron), so a copy of the data
 * folder alone cannot impersonate the hub. A sealed file that does not open is an error, never silently replaced:
 * a new key would cut off every paired client.
 */
export async function loadOrCreateHubIdentity(options: IdentityOptions): Promise<HubIdentity> {
  const dir = path.join(options.dataDir, DIR)
  const certFile = path.join(dir, CERT_FILE)
  const keyFile = path.join(dir, KEY_FILE)
  const sealKey = options.secrets.getOrCreate(SEAL_KEY, 32)
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const certPem = fs.readFileSync(certFile, 'utf8')
    const keyPem = unseal(sealKey, fs.readFileSync(keyFile, 'utf8'))
    return { certPem, keyPem, spki: spkiSha256(certPem) }
  }
  const made = await makeIdentity(options.clock.now(), options.addresses ?? localAddresses())
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  // Key first, certificate last: the certificate's presence is what marks the pair complete.
  fs.writeFileSync(keyFile, seal(sealKey, made.keyPem), { mode: 0o600 })
  fs.writeFileSync(certFile, made.certPem, { mode: 0o644 })
  return made
}

async function makeIdentity(now: number, addresses: string[]): Promise<HubIdentity> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
  const names = [
    ...addresses.map((value) => ({ type: 'ip' as const, value })),
    { type: 'dns' as const, value: 'localhost' },
  ]
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'), // positive, as DER wants
    name: 'CN=Kiosk Mot cua hub, O=Kiosk Mot cua',
    notBefore: new Date(now - 24 * 3600 * 1000), // a client whose clock is a day behind still parses it
    notAfter: new Date(now + VALIDITY_MS),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  })
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const keyPem = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
  })
  const certPem = cert.toString('pem')
  return { keyPem: String(keyPem), certPem, spki: spkiSha256(certPem) }
}

function seal(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return JSON.stringify({
    v: 1,
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    data: data.toString('base64url'),
  })
}

function unseal(key: Buffer, sealed: string): string {
  let json: unknown
  try {
    json = JSON.parse(sealed)
  } catch {
    throw new Error('the hub key file is not readable: restore it from a backup or re-pair every client')
  }
  const parsed = SealedSchema.safeParse(json)
  if (!parsed.success) throw new Error('the hub key file has an unknown format')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.data.iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(parsed.data.tag, 'base64url'))
  try {
    return Buffer.concat([decipher.update(Buffer.from(parsed.data.data, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new Error('the hub key does not open with this PC’s keychain (was the data folder copied from another PC?)')
  }
}

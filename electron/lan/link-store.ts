import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { DeviceRoleSchema, SpkiPinSchema, type Paired } from '../../shared/schemas/devices'
import type { SecretStore } from '../core/device/secret-store'
import { AppError } from '../core/errors'
import { parsePairingCode } from '../core/devices/pair-code'
import { exactPin, PinMismatchError, PinnedAgent, pinnedRequest, prefixPin, type HubAddress } from './pinned-client'
import { PAIR_PATH, PairAnswerSchema, type PairRequest } from './wire'
import { toCrockford } from '../core/devices/pair-code'

/** What a client PC keeps about its hub (the credential itself stays in the SecretStore — the OS keychain). */
export const LinkSchema = z.strictObject({
  v: z.literal(1),
  hosts: z.array(z.string().min(1).max(64)).min(1).max(8),
  port: z.number().int().min(1).max(65535),
  spki: SpkiPinSchema,
  deviceId: z.uuid(),
  role: DeviceRoleSchema,
  counterId: z.number().int().positive().nullable(),
  /** Name of the credential secret in the SecretStore: a new one per pairing. */
  credentialName: z.string().regex(/^hub-credential-[a-f0-9]{12}$/),
})
export type Link = z.infer<typeof LinkSchema>

const FILE = 'link.json'

export function readLink(dataDir: string): Link | null {
  try {
    const parsed = LinkSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Also when the hub says this PC was moved to another counter. */
export function saveLink(dataDir: string, link: Link): void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, FILE)
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(link, null, 2), { mode: 0o600 })
  fs.renameSync(`${file}.tmp`, file) // a crash leaves the old link or the new one, never half of one
}

export interface PairOptions {
  dataDir: string
  secrets: SecretStore
  name: string
  appVersion: string
}

/**
 * Pairs this PC with the hub named in a scanned QR text or typed code: connects pinned (the full key hash from a
 * QR, the 40-bit prefix from a typed code), sends the one-time secret and this PC's new credential secret, and
 * keeps the hub's full key hash for every later connection.
 */
export async function pairWithHub(code: string, options: PairOptions): Promise<{ link: Link; paired: Paired }> {
  const parsed = parsePairingCode(code)
  if (parsed === null) throw new AppError('BAD_INPUT', 'not a pairing code (scan the QR code or type address:port CODE)')
  const agent = new PinnedAgent(parsed.pin.kind === 'full' ? exactPin(parsed.pin.spki) : prefixPin(parsed.pin.bytes))
  const credentialName = `hub-credential-${crypto.randomBytes(6).toString('hex')}`
  const credential = options.secrets.getOrCreate(credentialName, 32)
  const request: PairRequest = {
    secret: toCrockford(parsed.secret),
    credential: credential.toString('base64url'),
    name: options.name,
    appVersion: options.appVersion,
  }
  try {
    let lastError: unknown = null
    for (const host of parsed.hosts) {
      const to: HubAddress = { host, port: parsed.port }
      let res
      try {
        res = await pinnedRequest(agent, to, { method: 'POST', path: PAIR_PATH, body: JSON.stringify(request), maxBytes: 8192 })
      } catch (error) {
        if (error instanceof PinMismatchError) throw new AppError('FORBIDDEN', error.message)
        lastError = error
        continue
      }
      if (res.status === 403) throw new AppError('FORBIDDEN', 'pairing code not valid (ask IT for a new one)')
      const answer = z
        .strictObject({ ok: z.literal(true), value: PairAnswerSchema })
        .safeParse(JSON.parse(res.body.toString('utf8') || 'null'))
      if (!answer.success) throw new AppError('UNAVAILABLE', `the hub answered ${res.status}: pairing failed`)
      const { spki, ...paired } = answer.data.value
      if (parsed.pin.kind === 'full' && spki !== parsed.pin.spki) throw new AppError('FORBIDDEN', 'the hub named another key')
      if (parsed.pin.kind === 'prefix' && !prefixPin(parsed.pin.bytes)(spki)) {
        throw new AppError('FORBIDDEN', 'the hub named another key')
      }
      const link: Link = { v: 1, hosts: [host, ...parsed.hosts.filter((h) => h !== host)], port: parsed.port, spki, credentialName, ...paired }
      saveLink(options.dataDir, link)
      return { link, paired }
    }
    throw new AppError('UNAVAILABLE', `the main kiosk cannot be reached: ${String(lastError)}`.slice(0, 300))
  } finally {
    agent.destroy()
  }
}

import type { Session } from 'electron'
import { contract } from '../../shared/contract'
import type { UpdateConfig } from '../../shared/schemas/updates'
import type { Core } from '../core/core'
import type { SecretStore } from '../core/device/secret-store'
import { readLink, type Link } from '../lan/link-store'
import { spkiSha256 } from '../lan/tls-identity'
import { bearer } from '../lan/wire'
import type { ShellLogger } from './log'
import { hubMirrorFeed, type UpdateFeed } from './updater'

/**
 * The session electron-updater downloads through (`NET_SESSION_NAME` in electron-updater's electronHttpExecutor):
 * only this session learns to trust the hub's key, so no window, and no other request, ever does.
 */
export const UPDATER_PARTITION = 'electron-updater'

/** Chromium's answers to a certificate verify proc: accept, reject, or decide as it would have without the proc. */
export const ACCEPT = 0
export const REJECT = -2
export const CHROMIUM_DECIDES = -3

type VerifyProc = NonNullable<Parameters<Session['setCertificateVerifyProc']>[0]>
type VerifyRequest = Pick<Parameters<VerifyProc>[0], 'hostname'> & { certificate: Pick<Parameters<VerifyProc>[0]['certificate'], 'data'> }

/** The pin of a certificate's public key (as pairing pinned it); null for anything that is not a certificate. */
function pinOf(pem: string): string | null {
  try {
    return spkiSha256(pem)
  } catch {
    return null
  }
}

/**
 * The hub's certificate is self-signed: it is trusted for the hub's addresses only, and only when its public key is
 * the one this PC pinned when it was paired. Any other key at a hub address is refused outright (not left to
 * Chromium: that address is the hub's); every other host keeps Chromium's own verification. The link is read at
 * each request, so pairing again or a revocation applies at once.
 */
export function hubCertificateVerifier(link: () => Pick<Link, 'hosts' | 'spki'> | null, log: ShellLogger) {
  return (request: VerifyRequest, callback: (code: number) => void): void => {
    const current = link()
    const host = request.hostname.replace(/^\[(.*)\]$/, '$1')
    if (current === null || !current.hosts.includes(host)) return callback(CHROMIUM_DECIDES)
    if (pinOf(request.certificate.data) === current.spki) return callback(ACCEPT)
    log.warn(`updates: ${host} presented another key than the paired hub's: refused`)
    callback(REJECT)
  }
}

/**
 * Where a client's updater looks: its hub's mirror, with its device credential (which stays in this process).
 * Null while not paired, so the updater reports "no feed" instead of failing.
 */
export function clientMirrorFeed(dataDir: string, secrets: SecretStore, channel: UpdateConfig['channel']): UpdateFeed | null {
  const link = readLink(dataDir)
  const host = link?.hosts[0]
  if (link === null || host === undefined) return null
  const origin = host.includes(':') ? `https://[${host}]:${link.port}` : `https://${host}:${link.port}`
  return hubMirrorFeed(origin, channel, bearer(link.deviceId, secrets.getOrCreate(link.credentialName, 32)))
}

/**
 * A client's feed for one check: the hub's mirror on the channel IT set on the hub, asked of the hub right before
 * (`updates:channel`, through the client's own core with its device credential), so a change of channel there
 * reaches this PC at its next check without pairing again. Not paired: no feed, and nothing is asked. A hub that
 * cannot be asked fails the check (the updater says so) rather than guess a channel: the hub's mirror serves only
 * its own channel's files anyway (update-files.ts).
 */
export async function clientFeed(dataDir: string, secrets: SecretStore, core: Pick<Core, 'invoke'>): Promise<UpdateFeed | null> {
  if (readLink(dataDir) === null) return null
  const answer = await core.invoke('updates:channel', {}, { clientId: UPDATER_CLIENT_ID })
  const parsed = contract['updates:channel'].output.safeParse(answer.ok ? answer.value : null)
  if (!parsed.success) {
    throw new Error(`the main kiosk's update channel could not be read: ${answer.ok ? 'unexpected answer' : answer.error.message}`)
  }
  return clientMirrorFeed(dataDir, secrets, parsed.data.channel)
}

/** The updater's own client id on the hub: no window, so never a staff session. */
const UPDATER_CLIENT_ID = 'shell-updater'

/** Installs the verifier on the updater's session of `session` (Electron's module, passed in for tests). */
export function trustHubForUpdates(
  session: { fromPartition(partition: string, options: { cache: boolean }): Pick<Session, 'setCertificateVerifyProc'> },
  dataDir: string,
  log: ShellLogger,
): void {
  // The same options as electron-updater's own call, so both name the one session.
  session.fromPartition(UPDATER_PARTITION, { cache: false }).setCertificateVerifyProc(hubCertificateVerifier(() => readLink(dataDir), log))
}

import os from 'node:os'
import { Bonjour, type Service } from 'bonjour-service'
import { z } from 'zod'
import { FoundHubSchema, type FoundHub } from '../../shared/schemas/devices'
import { parsePairingCode, PIN_PREFIX_BYTES } from '../core/devices/pair-code'

/**
 * DNS-SD on the LAN (mDNS, a kept library: bonjour-service): the hub announces `_kiosk-hub._tcp` with its port and,
 * in TXT, the start of its key's hash; a client's pairing screen offers the hubs it hears. The announcement is
 * public on the LAN, so it carries nothing a pairing needs but cannot check: never the one-time secret, and only
 * the same 40-bit prefix a typed code shows. Anyone can announce anything — a found hub is only a place to try;
 * the code's secret and key pin decide (link-store.ts, pinned-client.ts).
 */
export const SERVICE_TYPE = 'kiosk-hub'

/** Options passed to multicast-dns (tests pick the interface of a network namespace they made). */
export type MdnsOptions = Partial<{ interface: string; port: number; ip: string }>

const TxtSchema = z.object({ v: z.literal('1'), k: z.string() })

export function pinPrefixOf(spki: string): string {
  return Buffer.from(spki, 'base64url').subarray(0, PIN_PREFIX_BYTES).toString('base64url')
}

/** How the hub names itself on the LAN: IT sees the PC's name, as in the OS. DNS-SD allows 63 bytes. */
export function hubServiceName(host = os.hostname()): string {
  let name = `Kiosk chính ${host}`
  while (Buffer.byteLength(name) > 63) name = name.slice(0, -1)
  return name
}

export interface Announcement {
  stop(): Promise<void>
}

/** Announces the hub until stopped. Errors (no multicast on this PC) are logged: pairing by code still works. */
export function announceHub(
  hub: { name: string; port: number; spki: string },
  log: { error(message: string, error?: unknown): void },
  mdns: MdnsOptions = {},
): Announcement {
  const bonjour = new Bonjour(mdns, (error: unknown) => log.error('the hub cannot announce itself on the LAN', error))
  bonjour.publish({ name: hub.name, type: SERVICE_TYPE, port: hub.port, txt: { v: '1', k: pinPrefixOf(hub.spki) } })
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => bonjour.destroy(() => resolve()))
      }),
  }
}

/** A found service as the contract's FoundHub, or null when it is not one of ours or is malformed. */
export function toFoundHub(service: Service): FoundHub | null {
  const txt = TxtSchema.safeParse(service.txt)
  if (!txt.success) return null
  // The address the announcement came from first: on one LAN segment that is the hub itself.
  const hosts = [service.referer?.address, ...(service.addresses ?? [])].filter((a) => a !== undefined)
  const host = hosts.find((a) => /^(?:\d{1,3}\.){3}\d{1,3}$/.test(a))
  const found = FoundHubSchema.safeParse({ name: service.name, host, port: service.port, pinPrefix: txt.data.k })
  return found.success ? found.data : null
}

export interface HubBrowser {
  found(): FoundHub[]
  stop(): void
}

/** Listens for hubs until stopped; at most 16 are kept (a LAN with more is misconfigured, not a centre). */
export function browseHubs(mdns: MdnsOptions = {}, onError: (error: unknown) => void = () => {}): HubBrowser {
  const bonjour = new Bonjour(mdns, onError)
  const browser = bonjour.find({ type: SERVICE_TYPE })
  return {
    found: () =>
      browser.services
        .map(toFoundHub)
        .filter((hub) => hub !== null)
        .slice(0, 16),
    stop: () => {
      browser.stop()
      bonjour.destroy()
    },
  }
}

/**
 * Whether a hub announced at one of the code's addresses (same host and port) names a key the code's pin rules
 * out. Only an early, clear refusal: the TLS pin check refuses such a server anyway before anything is sent.
 */
export function announcedKeyDiffers(code: string, found: readonly FoundHub[]): boolean {
  const parsed = parsePairingCode(code)
  if (parsed === null) return false
  const prefix =
    parsed.pin.kind === 'full' ? pinPrefixOf(parsed.pin.spki) : parsed.pin.bytes.subarray(0, PIN_PREFIX_BYTES).toString('base64url')
  return found.some((hub) => parsed.hosts.includes(hub.host) && hub.port === parsed.port && hub.pinPrefix !== prefix)
}

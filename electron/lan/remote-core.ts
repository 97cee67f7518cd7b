import crypto from 'node:crypto'
import { z } from 'zod'
import { isCallName, isEventName, type EventName } from '../../shared/channels'
import { contract, events } from '../../shared/contract'
import { fail, ok, resultSchema, type Result } from '../../shared/result'
import type { LinkStatus } from '../../shared/schemas/devices'
import type { KioskSettings } from '../../shared/schemas/centre'
import type { QueueBoard } from '../../shared/schemas/queue'
import type { CounterRatingOffer } from '../../shared/schemas/rating'
import type { Clock } from '../core/clock'
import type { Core } from '../core/core'
import { defaultKioskSettings } from '../core/config/demo-seed'
import type { SecretStore } from '../core/device/secret-store'
import { callContextSchema, type Logger } from '../core/dispatch'
import { AppError } from '../core/errors'
import type { EventListener } from '../core/event-hub'
import { mediaContentType } from '../core/media'
import { MediaPathSchema } from '../../shared/schemas/common'
import { pairWithHub, readLink, saveLink, type Link } from './link-store'
import { exactPin, HubUnreachableError, PinMismatchError, PinnedAgent, pinnedRequest, type HubAddress } from './pinned-client'
import { announcedKeyDiffers, type HubBrowser } from './discovery'
import { LINK_HISTORY_KEPT, saveClientPackage, type LinkChange } from './client-diagnostics'
import type { DiagnosticsShell } from '../core/system/diagnostics-package'
import { runEventLink } from './remote-events'
import { createResync, type Sequenced } from './resync'
import {
  bearer,
  CALL_PREFIX,
  CLIENT_HEADER,
  DEVICE_FRAME,
  DeviceFrameSchema,
  IDEMPOTENCY_HEADER,
  MEDIA_PREFIX,
  SEQ_HEADER,
  VERSION_HEADER,
} from './wire'

export interface RemoteCoreOptions {
  /** Holds link.json (which hub, which key, which device); no database. */
  dataDir: string
  /** Holds the device credential (the OS keychain under Electron); it never reaches a renderer. */
  secrets: SecretStore
  clock: Clock
  appVersion: string
  /** How IT will see this PC in the device list until they rename it. */
  name: string
  log: Logger
  /** Silence on the event stream before the link counts as down; default 2.5 s (the hub beats every 2 s). */
  silenceMs?: number
  /** Reconnect backoff cap; default 2 s, so a returning hub is found well within 5 s. */
  maxReconnectDelayMs?: number
  /** How long a rating keeps being retried (same idempotency key) before the screen apologises; default 20 s. */
  retryForMs?: number
  /**
   * Listens for hubs announcing themselves (discovery.ts) while this PC is not paired, so the pairing screen can
   * offer them; none when absent (tests, and hosts told not to multicast).
   */
  discover?: () => HubBrowser
  /**
   * This PC's logs and settings for "Lưu gói chẩn đoán", and where the zip goes (Electron: a save dialog on this
   * PC; default `<dataDir>/diagnostics/`). The call is answered here: this PC's part plus the hub's.
   */
  diagnostics?: DiagnosticsShell
}

/** Writes that are safe to resend because the hub answers a repeated key with the first answer. */
const RETRIED_WRITES: ReadonlySet<string> = new Set(['rating:submit'])
const RETRY_DELAYS_MS = [250, 500, 1000, 2000]
const SeqSchema = z.coerce.number().int().min(0)

/**
 * A `Core` for a client PC: the renderer calls it exactly as it calls the hub's own core, and it carries each call
 * to the hub over the pinned HTTPS link with this PC's device credential. `link:status` and `link:pair` are
 * answered here. Nothing is stored locally but the link itself.
 */
export function createRemoteCore(options: RemoteCoreOptions): Core {
  const { clock, log } = options
  const listeners = new Set<EventListener>()
  let link: Link | null = readLink(options.dataDir)
  let agent: PinnedAgent | null = null
  let stream: { stop(): void } | null = null
  let state: 'online' | 'offline' | 'revoked' = 'offline'
  let since = clock.now()
  /** Each change of `state`, newest last, for the diagnostics package. */
  const history: LinkChange[] = [{ state, at: since }]
  let lastDataAt: number | null = null
  let lastSeq = 0
  let browser: HubBrowser | null = null
  /** Only while the pairing screen shows: not paired yet, or revoked. */
  const browsing = (on: boolean) => {
    if (on && browser === null && options.discover !== undefined) browser = options.discover()
    if (!on && browser !== null) {
      browser.stop()
      browser = null
    }
  }

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners) listener(event, payload)
  }
  const status = (): LinkStatus =>
    link === null
      ? { mode: 'unpaired' }
      : {
          mode: 'client',
          deviceId: link.deviceId,
          role: link.role,
          counterId: link.counterId,
          hub: `${link.hosts[0] ?? ''}:${link.port}`.slice(0, 64),
          state,
          since,
          at: clock.now(),
          lastDataAt,
        }
  const setState = (next: typeof state) => {
    if (next === state) return
    state = next
    browsing(next === 'revoked')
    since = clock.now()
    history.push({ state, at: since })
    if (history.length > LINK_HISTORY_KEPT) history.shift()
    emit('link:status', status())
  }
  /** The hub's address that last answered: a hub PC with two cards may lose one (cable, Wi-Fi, DHCP). */
  let workingHost: string | null = null
  /** The hub's addresses, the one that last answered first (the stream's reconnects start there too). */
  const addresses = (): HubAddress[] => {
    if (link === null) return []
    const { hosts, port } = link
    const first = workingHost !== null && hosts.includes(workingHost) ? [workingHost] : []
    return [...first, ...hosts.filter((h) => !first.includes(h))].map((host) => ({ host, port }))
  }
  /**
   * `request` at each address in turn until one connects. An address that cannot be connected to, or answers with
   * another key, has been sent nothing, so the next one may be tried even for a write. Throws the last failure,
   * a key mismatch before any other.
   */
  async function atSomeAddress<T>(request: (to: HubAddress) => Promise<T>): Promise<T> {
    let failure: Error = new Error('no hub address')
    for (const to of addresses()) {
      try {
        const answered = await request(to)
        workingHost = to.host
        return answered
      } catch (error) {
        if (!(error instanceof HubUnreachableError || error instanceof PinMismatchError)) throw error
        if (!(failure instanceof PinMismatchError)) failure = error
      }
    }
    throw failure
  }
  const authorization = (): string => {
    if (link === null) throw new AppError('UNAVAILABLE', 'not paired with the main kiosk')
    return bearer(link.deviceId, options.secrets.getOrCreate(link.credentialName, 32))
  }

  /** A fresh picture after a (re)connect or a gap, never older than what the screens already show. */
  // The casts only name the type: send() has checked each answer against its call's output schema.
  const resync = createResync({
    emit,
    board: () => send('queue:board', {}, 'snapshot', null) as Promise<Sequenced<QueueBoard>>,
    offer: () =>
      link?.role === 'counter-screen'
        ? (send('rating:open', {}, 'snapshot', null) as Promise<Sequenced<CounterRatingOffer | null>>)
        : Promise.resolve({ result: ok(null), seq: null }),
    counterId: () => link?.counterId ?? null,
  })

  /**
   * The hub's word about this PC (hello, or IT moved it): a new counter is kept and the screens hear of it.
   * True when it changed anything.
   */
  const deviceSaid = (data: string): boolean => {
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      log.error('hub device frame is not JSON')
      return false
    }
    const said = DeviceFrameSchema.safeParse(json)
    if (!said.success || link === null) return false
    if (said.data.role === link.role && said.data.counterId === link.counterId) return false
    link = { ...link, ...said.data }
    saveLink(options.dataDir, link)
    emit('link:status', status())
    return true
  }

  const start = () => {
    if (link === null) return
    agent = new PinnedAgent(exactPin(link.spki))
    stream = runEventLink({
      agent,
      hosts: addresses,
      // The version on every connection: this PC may have updated itself since it was paired.
      headers: () => ({ authorization: authorization(), [VERSION_HEADER]: options.appVersion }),
      silenceMs: options.silenceMs ?? 2500,
      maxDelayMs: options.maxReconnectDelayMs ?? 2000,
      onUp: (hello, seq, to) => {
        if (state !== 'online') log.info(`link to the main kiosk up (stream at ${seq}, through ${to.host})`)
        workingHost = to.host
        lastDataAt = clock.now()
        lastSeq = seq
        deviceSaid(hello)
        setState('online')
        void resync.streamUp()
      },
      // IT reading a client's log after "Mất kết nối" needs the why: silence (cable, hub frozen), refused, ended.
      onDown: (reason) => {
        log.info(`link to the main kiosk down: ${reason}`)
        setState('offline')
      },
      // The hub refusing the credential itself (revoked), not a hub that is away: the screen says which.
      onRefused: () => setState('revoked'),
      onData: () => (lastDataAt = clock.now()),
      onEvent: (name, data, seq) => {
        const gap = seq !== lastSeq + 1
        lastSeq = seq
        if (!isEventName(name)) return
        let json: unknown
        try {
          json = JSON.parse(data)
        } catch {
          return log.error(`hub event ${name} is not JSON`)
        }
        const checked = events[name].safeParse(json)
        if (checked.success) resync.event(name, checked.data, seq)
        else log.error(`hub event ${name} outside the contract`)
        if (gap) void resync.gap()
      },
      onControl: (name, data) => {
        // Moved while online: a fresh picture withdraws the old counter's offer its screen may still show (and
        // shows the new counter's). After a hello, streamUp takes that picture anyway.
        if (name === DEVICE_FRAME && deviceSaid(data)) void resync.gap()
      },
    })
  }

  async function forward(channel: string, input: unknown, clientId: string, key: string | null): Promise<Result<unknown>> {
    return (await send(channel, input, clientId, key)).result
  }

  /** One call to the hub, with the stream number its answer reflects (see wire.ts SEQ_HEADER). */
  async function send(channel: string, input: unknown, clientId: string, key: string | null): Promise<Sequenced<unknown>> {
    const answer = (result: Result<unknown>, seq: number | null = null) => ({ result, seq })
    if (!isCallName(channel)) return answer(fail('UNKNOWN_CALL', `unknown call: ${channel.slice(0, 100)}`))
    const current = agent
    if (link === null || current === null) return answer(fail('UNAVAILABLE', 'not paired with the main kiosk'))
    const headers: Record<string, string> = { authorization: authorization(), [CLIENT_HEADER]: clientId }
    if (key !== null) headers[IDEMPOTENCY_HEADER] = key
    const deadline = clock.now() + (options.retryForMs ?? 20_000)
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await atSomeAddress((to) =>
          pinnedRequest(current, to, {
            method: 'POST',
            path: `${CALL_PREFIX}${encodeURIComponent(channel)}`,
            headers,
            body: JSON.stringify(input ?? null),
          }),
        )
        lastDataAt = clock.now()
        let json: unknown
        try {
          json = JSON.parse(res.body.toString('utf8'))
        } catch {
          return answer(fail('UNAVAILABLE', `the main kiosk answered ${res.status} without JSON`))
        }
        const checked = resultSchema(contract[channel].output).safeParse(json)
        const seq = SeqSchema.safeParse(res.headers[SEQ_HEADER])
        return checked.success
          ? answer(checked.data, seq.success ? seq.data : null)
          : answer(fail('INTERNAL', `${channel}: the main kiosk answered outside the contract`))
      } catch (error) {
        if (error instanceof PinMismatchError) return answer(fail('FORBIDDEN', error.message))
        // Only a write the hub deduplicates by key is sent again; anything else might run twice.
        const wait = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 2000
        if (key === null || clock.now() + wait > deadline) {
          return answer(fail('UNAVAILABLE', `Mất kết nối với kiosk chính (${channel})`))
        }
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  }

  start()
  browsing(link === null)
  return {
    dbFile: '',
    async invoke(channel, input, rawContext) {
      const context = callContextSchema.safeParse(rawContext)
      if (!context.success) return fail('BAD_INPUT', 'call context')
      if (channel === 'link:status') return ok(status())
      if (channel === 'link:discover') return ok(browser?.found() ?? [])
      if (channel === 'link:pair') {
        const parsed = contract['link:pair'].input.safeParse(input)
        if (!parsed.success) return fail('BAD_INPUT', 'link:pair: { code } expected')
        // A revoked PC may be paired again (as a new device, with a new code); a working one must be revoked first.
        if (link !== null && state !== 'revoked') {
          return fail('CONFLICT', 'already paired: IT must revoke this PC on the hub first')
        }
        // A hub heard on the LAN at the code's address announcing another key: refused before a byte is sent.
        if (announcedKeyDiffers(parsed.data.code, browser?.found() ?? [])) {
          return fail('FORBIDDEN', 'the hub announced at that address has another key than the code: nothing was sent')
        }
        try {
          const result = await pairWithHub(parsed.data.code, { ...options })
          stream?.stop()
          agent?.destroy()
          link = result.link
          lastSeq = 0
          workingHost = null
          browsing(false)
          start()
          return ok(result.paired)
        } catch (error) {
          if (error instanceof AppError) return fail(error.code, error.message)
          log.error('pairing failed', error)
          return fail('INTERNAL', 'pairing failed')
        }
      }
      if (channel === 'diagnostics:package') {
        // The hub's part first: the hub alone can say the caller is IT (on an admin client); then this PC's part.
        const hub = await forward('diagnostics:collect', {}, context.data.clientId, null)
        const facts = { dataDir: options.dataDir, appVersion: options.appVersion, now: clock.now(), status: status(), history, link }
        return saveClientPackage(hub, { ...facts, shell: options.diagnostics ?? {} })
      }
      const key = typeof channel === 'string' && RETRIED_WRITES.has(channel) ? crypto.randomBytes(16).toString('base64url') : null
      return forward(String(channel), input, context.data.clientId, key)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async readMedia(mediaPath) {
      const contentType = mediaContentType(mediaPath)
      if (link === null || agent === null || !MediaPathSchema.safeParse(mediaPath).success) return null
      const current = agent
      if (contentType === undefined) return null
      try {
        const res = await atSomeAddress((to) =>
          pinnedRequest(current, to, {
            method: 'GET',
            path: `${MEDIA_PREFIX}${mediaPath.slice('media/'.length).split('/').map(encodeURIComponent).join('/')}`,
            headers: { authorization: authorization() },
            maxBytes: 8 * 1024 * 1024,
          }),
        )
        return res.status === 200 ? { body: res.body, contentType } : null
      } catch {
        return null
      }
    },
    // The client shows the hub's screens; its own window options default until the shell reads them from the hub.
    kioskSettings: (): KioskSettings => defaultKioskSettings,
    startBackgroundJobs: () => {}, // the hub alone uploads to the province
    close() {
      stream?.stop()
      agent?.destroy()
      browsing(false)
    },
  }
}

import { CALLS, isEventName, type CallName, type EventName } from './channels'
import type { CallInput, CallOutput, EventPayload } from './contract'
import type { Result } from './result'

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never

/**
 * The renderer's typed client: `api.<domain>.<verb>(input)` for each call, plus `on(event, listener)` which
 * returns its unsubscribe function. The preload exposes exactly this object; the web test host's browser bridge
 * builds the same one over HTTP.
 */
export type KioskApi = {
  readonly [D in DomainOf<CallName>]: {
    readonly [C in CallName as C extends `${D}:${infer V}` ? V : never]: (
      input: CallInput<C>,
    ) => Promise<Result<CallOutput<C>>>
  }
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void
}

export interface BridgeTransport {
  invoke(channel: CallName, input: unknown): Promise<unknown>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

/** Builds the client object from the channel list: one named function per call, no generic `invoke`. */
export function buildApi(transport: BridgeTransport): KioskApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const channel of CALLS) {
    const [domain, verb] = channel.split(':') as [string, string]
    api[domain] ??= {}
    api[domain][verb] = (input: unknown) => transport.invoke(channel, input)
  }
  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`unknown event: ${String(event)}`)
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    return transport.subscribe(event, (payload) => (listener as (p: unknown) => void)(payload))
  }
  // The nested object is built from CALLS at run time; its static shape is KioskApi by construction.
  return Object.freeze({ ...api, on }) as unknown as KioskApi
}

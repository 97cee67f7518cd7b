import type { BatchAck } from '../../shared/schemas/upload'

/**
 * Fault injection for tests and pilots: a collector that misbehaves on purpose, the way real networks and real
 * servers do. Every knob acts on the next N matching requests and then wears off.
 */
export type Route = 'enroll' | 'batches' | 'heartbeat' | 'disputes' | 'ping'

export interface ForcedAnswer {
  /** Which requests it answers; all routes when absent. */
  route?: Route
  status: number
  /** Sent as the Retry-After header, as given (delta-seconds or an HTTP-date). */
  retryAfter?: string
  /** The body as sent; a JSON error body for the status when absent. */
  body?: string
  /** How many requests it answers (default 1). */
  times?: number
}

/**
 * A batch answer that does not acknowledge the batch as stored (the ratings are stored all the same): the kiosk
 * must resend what was left out and never settle a rating from an answer that contradicts itself.
 */
export type AckFault =
  /** Acknowledges only the first `keep` ratings of the batch. */
  | { kind: 'keep-first'; keep: number }
  /** Leaves these ratings out of the answer. */
  | { kind: 'omit'; uuids: ReadonlySet<string> }
  /** Names the first rating twice: `conflict` first, then its real verdict. */
  | { kind: 'twice' }

export interface RecordedRequest {
  route: Route
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

export interface Faults {
  /** Answer the next requests with these instead of handling them (nothing is stored). */
  forced: ForcedAnswer[]
  /** Store the next N batches (ratings or disputes), then drop the connection without an answer. */
  dropAfterCommit: number
  /** Store the next N batches, then answer 200 with a body that is not the protocol's. */
  garbageAfterCommit: number
  /** Wait this long before handling each request (to provoke client timeouts). */
  delayMs: number
  /** While set, every request waits for this promise before it is handled (a collector that hangs). */
  holdUntil: Promise<void> | null
  /** Rewrite the answers to the next stored rating batches, one fault each, in order. */
  ackFaults: AckFault[]
  /** Refuse batches carrying these uuids with 422 INVALID_ITEMS, naming them (nothing of the batch is stored). */
  rejectUuids: Set<string>
  /** Called after a batch (ratings or disputes) is stored, before anything is answered (tests kill a client here). */
  afterCommit: ((route: Route) => void) | null
  /** When not null, every authenticated request is appended here (to replay it later). */
  recorded: RecordedRequest[] | null
  /** How many times each rating uuid arrived in an authenticated batch body (stored or not). */
  posted: Map<string, number>
  /** Requests seen per route, whatever happened to them. */
  requests: Record<Route, number>
}

export function noFaults(): Faults {
  return {
    forced: [],
    dropAfterCommit: 0,
    garbageAfterCommit: 0,
    delayMs: 0,
    holdUntil: null,
    ackFaults: [],
    rejectUuids: new Set(),
    afterCommit: null,
    recorded: null,
    posted: new Map(),
    requests: { enroll: 0, batches: 0, heartbeat: 0, disputes: 0, ping: 0 },
  }
}

/** Takes one use of the first forced answer for this route, if any. */
export function takeForced(faults: Faults, route: Route): ForcedAnswer | null {
  const index = faults.forced.findIndex((f) => f.route === undefined || f.route === route)
  if (index < 0) return null
  const forced = faults.forced[index]
  if (forced === undefined) return null
  const left = (forced.times ?? 1) - 1
  if (left <= 0) faults.forced.splice(index, 1)
  else faults.forced[index] = { ...forced, times: left }
  return forced
}

/** The answer to a stored rating batch, rewritten by the next ack fault if one is set. */
export function takeAckFault(faults: Faults, ack: BatchAck): BatchAck {
  const fault = faults.ackFaults.shift()
  if (fault === undefined) return ack
  switch (fault.kind) {
    case 'keep-first':
      return { ...ack, results: ack.results.slice(0, fault.keep) }
    case 'omit':
      return { ...ack, results: ack.results.filter((r) => !fault.uuids.has(r.uuid)) }
    case 'twice': {
      const [first, ...rest] = ack.results
      if (first === undefined) return ack
      const contradiction = { uuid: first.uuid, status: 'conflict' as const, reason: 'fault injection' }
      return { ...ack, results: [contradiction, first, ...rest] }
    }
  }
}

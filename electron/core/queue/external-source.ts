import type { z } from 'zod'
import {
  ExternalQueueSnapshotSchema,
  type ExternalQueueConfig,
  type ExternalQueueSnapshot,
  type QueueConnection,
} from '../../../shared/schemas/queue'
import { readCapped } from '../http/read-capped'

/**
 * The HTTP side of the external queue adapter: fetches the snapshot, parses it strictly and decides whether the
 * data is live, stale or lost. It never throws: a slow, failing, malformed or frozen feed becomes a connection
 * state the board shows ("mất kết nối hệ thống xếp hàng") while the last good data stays on screen.
 */

/** A snapshot bigger than this is refused unread: a kiosk must not be made to buffer an endless body. */
export const MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024

export type PollOutcome =
  | { kind: 'snapshot'; snapshot: ExternalQueueSnapshot }
  | { kind: 'unchanged' }
  | { kind: 'failed'; reason: string }

export interface ExternalPoller {
  /**
   * One request. `conditional: false` leaves out If-None-Match: after a stale snapshot a 304 could not tell a
   * feed that is still frozen from one that recovered with the same tickets, so the whole answer is needed.
   */
  poll(conditional?: boolean): Promise<PollOutcome>
  /** Stops an in-flight request (on shutdown). */
  abort(): void
}

export function createExternalPoller(config: ExternalQueueConfig): ExternalPoller {
  let etag: string | null = null
  let inFlight: AbortController | null = null
  return {
    async poll(conditional = true) {
      const controller = new AbortController()
      inFlight = controller
      const timer = setTimeout(() => controller.abort(new Error('timed out')), config.timeoutSeconds * 1000)
      try {
        const headers: Record<string, string> = { accept: 'application/json' }
        const sentEtag = conditional && config.useEtag ? etag : null
        if (sentEtag !== null) headers['if-none-match'] = sentEtag
        const response = await fetch(config.url, { headers, signal: controller.signal, redirect: 'error' })
        if (response.status === 304 && sentEtag !== null) {
          await response.body?.cancel()
          return { kind: 'unchanged' }
        }
        if (response.status !== 200) {
          await response.body?.cancel()
          return { kind: 'failed', reason: `HTTP ${response.status}` }
        }
        const body = await readCapped(response, MAX_SNAPSHOT_BYTES)
        if (body === null) return { kind: 'failed', reason: `answer over ${MAX_SNAPSHOT_BYTES} bytes` }
        let json: unknown
        try {
          json = JSON.parse(body)
        } catch {
          return { kind: 'failed', reason: 'answer is not JSON' }
        }
        const parsed = ExternalQueueSnapshotSchema.safeParse(json)
        if (!parsed.success) return { kind: 'failed', reason: `answer does not match the contract: ${summary(parsed.error)}` }
        etag = response.headers.get('etag')
        return { kind: 'snapshot', snapshot: parsed.data }
      } catch (error) {
        const cause = controller.signal.aborted ? controller.signal.reason : error
        return { kind: 'failed', reason: cause instanceof Error ? cause.message : String(cause) }
      } finally {
        clearTimeout(timer)
        inFlight = null
      }
    },
    abort() {
      inFlight?.abort(new Error('stopped'))
    },
  }
}

function summary(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 250)
}

/**
 * The connection state after a poll. `dataAt` is when the shown data was true: the snapshot's own time, or now
 * when the system answered 304 to the last snapshot's ETag (nothing changed since, so it is still true) — unless
 * that snapshot was itself stale: a frozen feed answering "unchanged" is still frozen, and its age keeps growing.
 * `lastSnapshot` is the state the last snapshot had when it arrived (null before the first).
 */
export function nextConnection(
  previous: QueueConnection,
  outcome: PollOutcome,
  now: number,
  staleSeconds: number,
  lastSnapshot: QueueConnection | null,
): QueueConnection {
  switch (outcome.kind) {
    case 'failed':
      return { state: 'lost', dataAt: previous.dataAt }
    case 'unchanged':
      return lastSnapshot?.state === 'stale' ? lastSnapshot : { state: 'live', dataAt: now }
    case 'snapshot': {
      // A clock ahead of ours is not "stale"; cap at now so the board never shows a negative age.
      const dataAt = Math.min(outcome.snapshot.generatedAt, now)
      return { state: now - dataAt > staleSeconds * 1000 ? 'stale' : 'live', dataAt }
    }
  }
}

import type { z } from 'zod'
import { ErrorBodySchema, HEADERS } from '../../../shared/schemas/upload'
import type { Clock } from '../clock'
import { parseRetryAfter } from './backoff'
import { send, type HttpOutcome } from './http-client'
import { sign } from '../../../shared/protocol/signing'

/**
 * What one exchange with the collector means for the uploader (DESIGN §5, "Retry"):
 * - ok: a 2xx whose body matches the expected schema
 * - reject: 400 / 422 — the named ratings are refused for good (dead-letter), the rest may be resent at once;
 *   naming none, nothing is dropped (an alert for IT, retried with backoff)
 * - too-large: 413 — send fewer ratings at once
 * - credentials: 401 / 403 — this kiosk is not (or no longer) accepted; no hammering
 * - retry: network error, timeout, 5xx, 408, 409, 429, an unreadable answer, anything unexpected
 */
export type Verdict<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'reject'; code: string; message: string; items: { uuid: string; reason: string }[] }
  | { kind: 'credentials'; code: string; message: string }
  | { kind: 'too-large'; code: string; message: string }
  | { kind: 'retry'; code: string; message: string; retryAfterMs: number | null }
  | { kind: 'aborted' }

export interface ExchangeContext {
  endpoint: string
  deviceId: string
  signKey: string
  timeoutMs: number
  clock: Clock
  signal: AbortSignal
  /** Collector time minus device time; read before signing, updated from every answer's Date header. */
  offset: { ms: number }
}

export interface ExchangeRequest<T> {
  path: string
  /** The body, or a function making it at send time (a heartbeat re-signed after a clock correction is new). */
  body: string | (() => string)
  /** Enrollment is the one unsigned request. */
  signed: boolean
  extraHeaders?: Record<string, string>
  schema: z.ZodType<T>
}

export async function exchange<T>(ctx: ExchangeContext, req: ExchangeRequest<T>): Promise<Verdict<T>> {
  let outcome = await sendOnce(ctx, req)
  // A refused timestamp right after the offset moved means our clock was off: sign again with the corrected time.
  if (outcome.kind === 'response' && outcome.status === 401 && errorCode(outcome.body) === 'TIMESTAMP_SKEW') {
    outcome = await sendOnce(ctx, req)
  }
  // The offset is only known to about a second (the Date header has whole seconds): err towards waiting longer,
  // so a Retry-After date is never beaten.
  return judge(outcome, req.schema, ctx.clock.now() + ctx.offset.ms - 1000)
}

async function sendOnce<T>(ctx: ExchangeContext, req: ExchangeRequest<T>): Promise<HttpOutcome> {
  const sentAt = ctx.clock.now()
  const body = typeof req.body === 'string' ? req.body : req.body()
  const headers: Record<string, string> = { 'content-type': 'application/json', ...req.extraHeaders }
  if (req.signed) {
    const timestamp = Math.floor((sentAt + ctx.offset.ms) / 1000)
    headers[HEADERS.device] = ctx.deviceId
    headers[HEADERS.timestamp] = String(timestamp)
    headers[HEADERS.signature] = sign(ctx.signKey, {
      method: 'POST',
      path: new URL(req.path, ctx.endpoint).pathname,
      timestamp,
      deviceId: ctx.deviceId,
      body,
    })
  }
  const outcome = await send({
    url: new URL(req.path, ctx.endpoint).toString(),
    method: 'POST',
    headers,
    body,
    timeoutMs: ctx.timeoutMs,
    signal: ctx.signal,
  })
  if (outcome.kind === 'response') updateOffset(ctx, outcome.date, sentAt, ctx.clock.now())
  return outcome
}

/** The Date header has whole seconds: +500 ms centres the estimate; the round trip's midpoint is "now" for it. */
function updateOffset(ctx: ExchangeContext, date: string | null, sentAt: number, receivedAt: number): void {
  if (date === null || date.length > 64) return
  const collectorMs = Date.parse(date)
  if (Number.isNaN(collectorMs)) return
  ctx.offset.ms = Math.round(collectorMs + 500 - (sentAt + receivedAt) / 2)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function errorCode(body: string): string | null {
  const parsed = ErrorBodySchema.safeParse(parseJson(body))
  return parsed.success ? parsed.data.error.code : null
}

function judge<T>(outcome: HttpOutcome, schema: z.ZodType<T>, collectorNow: number): Verdict<T> {
  switch (outcome.kind) {
    case 'aborted':
      return { kind: 'aborted' }
    case 'timeout':
      return { kind: 'retry', code: 'TIMEOUT', message: 'the collector did not answer in time', retryAfterMs: null }
    case 'network':
      return { kind: 'retry', code: 'NETWORK', message: outcome.message, retryAfterMs: null }
    case 'response':
      break
  }
  const { status } = outcome
  const json = parseJson(outcome.body)
  if (status >= 200 && status < 300) {
    const value = schema.safeParse(json)
    if (value.success) return { kind: 'ok', value: value.data }
    return { kind: 'retry', code: 'BAD_ANSWER', message: `HTTP ${status} with an unreadable body`, retryAfterMs: null }
  }
  const parsed = ErrorBodySchema.safeParse(json)
  const code = parsed.success ? parsed.data.error.code : `HTTP_${status}`
  const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`
  if (status === 413) return { kind: 'too-large', code, message }
  if (status === 400 || status === 422) {
    return { kind: 'reject', code, message, items: parsed.success ? (parsed.data.items ?? []) : [] }
  }
  // Still out of the window after correcting the offset: a clock problem, not a refused kiosk.
  if (code === 'TIMESTAMP_SKEW') return { kind: 'retry', code, message, retryAfterMs: null }
  if (status === 401 || status === 403) return { kind: 'credentials', code, message }
  return { kind: 'retry', code, message, retryAfterMs: parseRetryAfter(outcome.retryAfter, collectorNow) }
}

import { readCapped } from '../http/read-capped'

/**
 * One HTTP request to the collector, reduced to what the uploader decides on. Never throws: a refused connection,
 * a reset after the request was sent (the collector may have committed!) and a timeout are outcomes too.
 */
export interface HttpRequest {
  url: string
  method: 'POST' | 'GET'
  headers: Record<string, string>
  body: string
  timeoutMs: number
  /** Aborted when core closes, so a hanging collector cannot hold the process open. */
  signal: AbortSignal
}

export type HttpOutcome =
  | { kind: 'response'; status: number; date: string | null; retryAfter: string | null; body: string }
  | { kind: 'network'; message: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' }

/** Answers longer than this are not read (a collector's answer to 500 ratings is a few tens of kilobytes). */
export const MAX_RESPONSE_BYTES = 1_000_000

export async function send(request: HttpRequest): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(request.timeoutMs)
  const signal = AbortSignal.any([timeout, request.signal])
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'POST' ? request.body : undefined,
      signal,
      redirect: 'error', // a redirect would replay a signed request somewhere else
    })
    const body = await readCapped(res, MAX_RESPONSE_BYTES)
    if (body === null) throw new Error(`answer longer than ${MAX_RESPONSE_BYTES} bytes`)
    return {
      kind: 'response',
      status: res.status,
      date: res.headers.get('date'),
      retryAfter: res.headers.get('retry-after'),
      body,
    }
  } catch (error) {
    if (request.signal.aborted) return { kind: 'aborted' }
    if (timeout.aborted) return { kind: 'timeout' }
    return { kind: 'network', message: describe(error) }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`.slice(0, 300)
}

import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import type { ExternalQueueSnapshot, ExternalTicket } from '../../shared/schemas/queue'

/**
 * A reference external queue system: plain Node, real HTTP on 127.0.0.1. It serves the snapshot the kiosk's
 * external adapter expects (`GET /queue`, with an ETag), lets a pilot or a test drive the queue
 * (`POST /control/issue|call|complete`), and can misbehave on purpose (`POST /control/fault`) so the adapter's
 * handling of slow, failing, malformed and frozen feeds can be shown and tested against a real socket.
 */

export const FAULTS = ['none', 'slow', 'error500', 'malformed', 'unknownField', 'stale', 'oversize'] as const

/** What `oversize` sends: a valid snapshot padded past the kiosk's 5 MB cap. */
const OVERSIZE_BYTES = 5 * 1024 * 1024 + 1024
export type Fault = (typeof FAULTS)[number]

export interface QueueServerOptions {
  port?: number
  /** How long `slow` holds each answer. */
  slowMs?: number
  now?: () => number
}

export interface QueueServer {
  url: string
  /** The snapshot address to configure in the kiosk. */
  snapshotUrl: string
  issue(prefix: string, priorityGroup?: string | null): ExternalTicket
  call(counter: number, prefixes: readonly string[]): ExternalTicket | null
  complete(counter: number): ExternalTicket | null
  setFault(fault: Fault): void
  /**
   * Edits the served tickets directly (tests): what a real system may send that this one would not, such as a
   * reused id, a duplicate, a ticket dropped from the list or one missing its call time. Not checked: the point.
   */
  mutate(edit: (tickets: ExternalTicket[]) => void): void
  /** How many snapshot requests were answered 200 and 304. */
  readonly served: { full: number; notModified: number }
  close(): Promise<void>
}

const IssueSchema = z.strictObject({ prefix: z.string().regex(/^[A-Z]$/).max(1), priorityGroup: z.string().max(40).nullable().optional() })
const CallSchema = z.strictObject({ counter: z.number().int().min(1).max(999), prefixes: z.array(z.string().max(1)).max(26) })
const CompleteSchema = z.strictObject({ counter: z.number().int().min(1).max(999) })
const FaultSchema = z.strictObject({ fault: z.enum(FAULTS) })

export async function startQueueServer(options: QueueServerOptions = {}): Promise<QueueServer> {
  const now = options.now ?? Date.now
  const tickets: ExternalTicket[] = []
  const numbers = new Map<string, number>()
  let fault: Fault = 'none'
  let frozenAt: number | null = null
  const served = { full: 0, notModified: 0 }

  const api = {
    issue(prefix: string, priorityGroup: string | null = null): ExternalTicket {
      const n = (numbers.get(prefix) ?? 0) + 1
      numbers.set(prefix, n)
      const ticket: ExternalTicket = {
        id: crypto.randomUUID(),
        code: `${prefix}${String(n).padStart(4, '0')}`,
        status: 'waiting',
        counter: null,
        priorityGroup,
        issuedAt: now(),
        calledAt: null,
        completedAt: null,
      }
      tickets.push(ticket)
      return ticket
    },
    call(counter: number, prefixes: readonly string[]): ExternalTicket | null {
      const next = tickets
        .filter((t) => t.status === 'waiting' && prefixes.includes(t.code.charAt(0)))
        .sort((a, b) => Number(a.priorityGroup === null) - Number(b.priorityGroup === null) || a.issuedAt - b.issuedAt)[0]
      if (next === undefined) return null
      Object.assign(next, { status: 'called', counter, calledAt: now() })
      return next
    },
    complete(counter: number): ExternalTicket | null {
      const current = tickets.find((t) => t.counter === counter && (t.status === 'called' || t.status === 'serving'))
      if (current === undefined) return null
      Object.assign(current, { status: 'completed', completedAt: now() })
      return current
    },
  }

  function snapshotBody(): { body: string; etag: string } {
    // The ETag depends on the tickets only, so "nothing changed" costs a 304 however often the kiosk asks.
    const etag = `"${crypto.createHash('sha256').update(JSON.stringify(tickets)).digest('hex').slice(0, 32)}"`
    const snapshot: ExternalQueueSnapshot & { extra?: string } = {
      version: 1,
      generatedAt: fault === 'stale' ? (frozenAt ??= now() - 3_600_000) : now(),
      tickets,
    }
    if (fault === 'unknownField') snapshot.extra = 'a field the contract does not know'
    const body = JSON.stringify(snapshot)
    return { body: fault === 'oversize' ? body.padEnd(OVERSIZE_BYTES, ' ') : body, etag }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname === '/queue') {
      if (fault === 'slow') await new Promise((r) => setTimeout(r, options.slowMs ?? 5000))
      if (fault === 'error500') return send(res, 500, 'text/plain', 'internal error')
      if (fault === 'malformed') return send(res, 200, 'application/json', '{"version": 1, "tickets": [')
      const { body, etag } = snapshotBody()
      // A frozen feed still answers 304 to an unchanged list: that is what makes it hard to notice.
      if (req.headers['if-none-match'] === etag && (fault === 'none' || fault === 'stale')) {
        served.notModified += 1
        res.writeHead(304, { etag })
        return void res.end()
      }
      served.full += 1
      res.setHeader('etag', etag)
      return send(res, 200, 'application/json; charset=utf-8', body)
    }
    if (req.method === 'POST' && url.pathname.startsWith('/control/')) {
      const input: unknown = JSON.parse((await readBody(req)) || '{}')
      switch (url.pathname) {
        case '/control/issue': {
          const { prefix, priorityGroup } = IssueSchema.parse(input)
          return sendJson(res, api.issue(prefix, priorityGroup ?? null))
        }
        case '/control/call': {
          const { counter, prefixes } = CallSchema.parse(input)
          return sendJson(res, api.call(counter, prefixes))
        }
        case '/control/complete':
          return sendJson(res, api.complete(CompleteSchema.parse(input).counter))
        case '/control/fault':
          fault = FaultSchema.parse(input).fault
          frozenAt = null
          return sendJson(res, { fault })
      }
    }
    send(res, 404, 'text/plain', 'not found')
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 400, 'text/plain', error instanceof Error ? error.message.slice(0, 500) : 'bad request')
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    snapshotUrl: `${url}/queue`,
    ...api,
    setFault: (f) => {
      fault = f
      frozenAt = null
    },
    mutate: (edit) => edit(tickets),
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 64 * 1024) req.destroy(new Error('body too large'))
    })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' })
  res.end(body)
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value))
}

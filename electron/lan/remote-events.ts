import type http from 'node:http'
import { pinnedStream, type HubAddress, type PinnedAgent } from './pinned-client'
import { EVENTS_PATH } from './wire'

export interface EventLinkOptions {
  agent: PinnedAgent
  hosts: () => HubAddress[]
  headers: () => Record<string, string>
  /** No byte (event or heartbeat) from the hub for this long → the link is down. The hub beats every 2 s. */
  silenceMs: number
  /** Reconnect delays grow from 250 ms to this cap, so a hub that is back is found within about this long. */
  maxDelayMs: number
  /**
   * A new stream said hello: `data` is what the hub says about this device, `seq` where the stream starts, `to`
   * the address it came through.
   */
  onUp(data: string, seq: number, to: HubAddress): void
  onDown(reason: string): void
  /** The hub refused this PC's credential (401): revoked. Said on every refused attempt, up before or not. */
  onRefused?(): void
  onEvent(name: string, data: string, seq: number): void
  /** A frame without a number: the hub's word to this device alone (see wire.ts DEVICE_FRAME). */
  onControl(name: string, data: string): void
  onData(): void
}

/** A parsed server-sent event; comments (heartbeats) have no name. */
interface Frame {
  id: number | null
  event: string | null
  data: string
}

function parseFrame(block: string): Frame {
  const frame: Frame = { id: null, event: null, data: '' }
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) frame.id = Number(line.slice(4))
    else if (line.startsWith('event: ')) frame.event = line.slice(7)
    else if (line.startsWith('data: ')) frame.data += line.slice(6)
  }
  return frame
}

/**
 * Holds the event stream to the hub open: reconnects with a capped backoff, calls `onDown` when the stream ends or
 * falls silent (a pulled cable shows no error, only silence), `onUp` when a new stream says hello.
 */
export function runEventLink(options: EventLinkOptions): { stop(): void } {
  let stopped = false
  let attempt = 0
  let current: http.ClientRequest | null = null
  let retry: NodeJS.Timeout | null = null
  let up = false

  const down = (reason: string) => {
    const was = current
    current = null
    was?.destroy()
    if (up) options.onDown(reason)
    up = false
    if (stopped) return
    const delay = Math.min(250 * 2 ** attempt, options.maxDelayMs)
    attempt += 1
    retry = setTimeout(connect, delay)
  }

  function connect(): void {
    if (stopped) return
    const hosts = options.hosts()
    const to = hosts[attempt % hosts.length] ?? hosts[0]
    if (to === undefined) return
    const { req, response } = pinnedStream(options.agent, to, EVENTS_PATH, options.headers())
    current = req
    // One connection ends once, however many ways it reports it (silence, end, error, close).
    let ended = false
    const end = (reason: string) => {
      if (ended) return
      ended = true
      clearTimeout(watchdog)
      if (current === req) down(reason)
    }
    let watchdog = setTimeout(() => end('silence'), options.silenceMs)
    const feed = () => {
      clearTimeout(watchdog)
      watchdog = setTimeout(() => end('silence'), options.silenceMs)
    }
    req.on('close', () => end('connection closed'))
    response.then(
      (res) => {
        if (res.statusCode !== 200) {
          res.resume()
          if (res.statusCode === 401) options.onRefused?.()
          return end(`hub answered ${res.statusCode}`)
        }
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          feed()
          options.onData()
          buffer += chunk
          let cut = buffer.indexOf('\n\n')
          while (cut !== -1) {
            const frame = parseFrame(buffer.slice(0, cut))
            buffer = buffer.slice(cut + 2)
            cut = buffer.indexOf('\n\n')
            if (frame.event === 'hello') {
              attempt = 0
              up = true
              options.onUp(frame.data, frame.id ?? 0, to)
            } else if (frame.event !== null && frame.id !== null) options.onEvent(frame.event, frame.data, frame.id)
            else if (frame.event !== null) options.onControl(frame.event, frame.data)
          }
          if (buffer.length > 4 * 1024 * 1024) end('oversized event')
        })
        res.on('end', () => end('stream ended'))
        res.on('error', () => end('stream failed'))
      },
      (error: unknown) => end(String(error)),
    )
  }

  connect()
  return {
    stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      current?.destroy()
    },
  }
}

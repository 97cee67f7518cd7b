import net from 'node:net'
import { onCleanup } from './helpers'

/** One call's connection, caught by an armed proxy. */
export interface Caught {
  /**
   * Resolves once the call's request has reached the proxy: true when it came on a connection that was already
   * open. Only then are the held bytes the answer alone — a new connection's first answer also carries the TLS
   * session tickets, and a cut there may miss the answer.
   */
  request: Promise<boolean>
  /** Bytes from the hub held back on that connection so far (TLS records: the response is among them). */
  held(): number
  /** Forwards the first `bytes` held bytes to the client, then destroys both sockets: a link cut mid-response. */
  cut(bytes: number): void
}

export interface CutProxy {
  port: number
  /**
   * Catches the next request sent on any connection: 'hold-response' forwards the request and holds every byte
   * the hub answers; 'hold-request' never forwards the request (the hub never hears it). One call only.
   */
  arm(mode: 'hold-response' | 'hold-request'): Caught
  /** A pulled cable: no byte goes either way any more, and no socket is closed. */
  silence(): void
  connections(): number
}

/**
 * A TCP relay between clients and the hub on 127.0.0.1. The bytes are TLS (the client pins the hub's key, so the
 * proxy cannot read them): a request is recognised as the first client chunk of 200 bytes or more that is not the
 * connection's first (the ClientHello) — a call's headers alone are longer than that.
 */
export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  let armed: { mode: 'hold-response' | 'hold-request'; caught: (pair: Pair, reused: boolean) => void } | null = null
  let silent = false
  const pairs = new Set<Pair>()

  interface Pair {
    client: net.Socket
    hub: net.Socket
    held: Buffer[]
    holding: boolean
  }

  const server = net.createServer((client) => {
    const hub = net.connect(targetPort, '127.0.0.1')
    const pair: Pair = { client, hub, held: [], holding: false }
    pairs.add(pair)
    let chunks = 0
    let swallowing = false
    const end = () => {
      pairs.delete(pair)
      client.destroy()
      hub.destroy()
    }
    client.on('data', (chunk: Buffer) => {
      chunks += 1
      if (silent || swallowing) return
      if (armed !== null && chunks > 1 && chunk.length >= 200) {
        const { mode, caught } = armed
        armed = null
        caught(pair, chunks > 2)
        if (mode === 'hold-request') return void (swallowing = true)
        pair.holding = true
      }
      hub.write(chunk)
    })
    hub.on('data', (chunk: Buffer) => {
      if (silent) return
      if (pair.holding) pair.held.push(chunk)
      else client.write(chunk)
    })
    for (const socket of [client, hub]) {
      socket.on('error', () => {})
      socket.on('close', () => !silent && !pair.holding && !swallowing && end())
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy()
          pair.hub.destroy()
        }
        server.close(() => resolve())
      }),
  )
  return {
    port: (server.address() as net.AddressInfo).port,
    arm(mode) {
      let pair: Pair | null = null
      const request = new Promise<boolean>((resolve) => {
        armed = { mode, caught: (p, reused) => ((pair = p), resolve(reused)) }
      })
      return {
        request,
        held: () => (pair === null ? 0 : Buffer.concat(pair.held).length),
        cut(bytes) {
          const caught = pair as Pair | null
          if (caught === null) throw new Error('no request caught yet')
          caught.client.write(Buffer.concat(caught.held).subarray(0, bytes), () => {
            caught.client.destroy()
            caught.hub.destroy()
            pairs.delete(caught)
          })
        },
      }
    },
    silence: () => void (silent = true),
    connections: () => pairs.size,
  }
}

import net from 'node:net'
import { onCleanup } from './helpers'

export interface Relay {
  port: number
  /** Ends every connection through it now (each side sees the other close); new ones still pass. */
  cutAll(): void
  /** Ends every connection and stops listening: that address of the hub is gone (connections refused). */
  unplug(): Promise<void>
}

/**
 * A plain TCP relay from `host`:`port` (0: any free port) to the hub on 127.0.0.1:`hubPort` — one of the hub PC's
 * network cards, or the switch between a client and the hub. The bytes are TLS; the relay never reads them.
 */
export async function startRelay(host: string, port: number, hubPort: number): Promise<Relay> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const hub = net.connect(hubPort, '127.0.0.1')
    for (const socket of [client, hub]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.once('close', () => {
        sockets.delete(socket)
        client.destroy()
        hub.destroy()
      })
    }
    client.pipe(hub)
    hub.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const cutAll = () => {
    for (const socket of sockets) socket.destroy()
  }
  const unplug = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve()
      server.close(() => resolve())
      cutAll()
    })
  onCleanup(unplug)
  return { port: (server.address() as net.AddressInfo).port, cutAll, unplug }
}

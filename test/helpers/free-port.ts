import net from 'node:net'

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a child process that must be started again on the same
 * port (a hub restart): port 0 would give the restarted hub a new port its clients do not know.
 */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

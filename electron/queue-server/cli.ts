import { parseArgs } from 'node:util'
import { startQueueServer } from './server'

/**
 * `node out/main/queue-server.js [--port 5190]` — the reference external queue system, for pilots and demos.
 * Prints one JSON line `{"url": …, "snapshotUrl": …}` once it listens; point the kiosk's external queue at
 * `snapshotUrl`. Drive it with `POST /control/issue {"prefix":"A"}`, `/control/call {"counter":1,"prefixes":["A"]}`,
 * `/control/complete {"counter":1}`, `/control/fault {"fault":"error500"}`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5190' } } })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`)
  const server = await startQueueServer({ port })
  process.stdout.write(`${JSON.stringify({ url: server.url, snapshotUrl: server.snapshotUrl })}\n`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})

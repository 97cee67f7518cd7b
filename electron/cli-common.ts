import { parseInstant, systemClock, tickingClock, type Clock } from './core/clock'
import { DatabaseTooNewError } from './core/errors'

/**
 * What the headless hosts (`web-host/cli.ts`, `lan/hub-cli.ts`) share: reading `--port` / `--clock-start`, closing
 * the server then the database on SIGINT/SIGTERM, and the exit code of a failed start. One place, so the two hosts
 * cannot drift apart in how tests and the service manager see them start and stop.
 */

/** `--port`: 0..65535 (0 = any free port, for tests). */
export function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${value}`)
  return port
}

/** `--clock-start` (tests only): the clock starts at that instant and runs in real time; without it, the system's. */
export function clockFromStart(value: string | undefined): Clock {
  if (value === undefined) return systemClock
  const start = parseInstant(value)
  if (start === null) throw new Error(`--clock-start: not an instant: ${value}`)
  return tickingClock(start)
}

/** On SIGINT/SIGTERM: stop taking requests first, then close the database, so no call writes to a closed file. */
export function stopOnSignals(server: { close(): Promise<void> }, core: { close(): void }): void {
  const stop = () => {
    void server.close().then(() => {
      core.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/** Exit 2 for a database written by a newer version (the message says what to do), 1 for anything else. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof DatabaseTooNewError ? error.message : String(error)}\n`)
    process.exit(error instanceof DatabaseTooNewError ? 2 : 1)
  })
}

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { clockFromStart, parsePort } from '../cli-common'
import { assignDevice, centreExists, listCentres, saveCentre } from './centres'
import { createEnrollmentToken, listDeviceIds, revokeDevice } from './devices'
import { startCollector } from './server'
import { DATABASE_ENV, openStore } from './store/open'
import { detachOlderThan } from './store/partitions'
import type { Store } from './store/types'
import { deviceStatus } from './status'
import { ALERT_TICK_MS } from './alerts/worker'
import { readStdinLine, userCommand } from './web/user-cli'
import { systemClock, type Clock } from '../core/clock'

/**
 * `node out/main/collector.js <command> [--db collector.db | --database postgres://…]` (or `npm run collector -- …`):
 *   serve [--port 8787] [--host 127.0.0.1] [--admin-token T]   run the collector (migrations first; --clock-start
 *         [--clock-start <instant>]                              makes it run from a known instant, tests only)
 *   migrate                                                      bring the schema up to date, then exit
 *   centre --id <code> --name "Trung tâm PVHCC xã …"             add a centre, or rename it
 *   centres                                                      list the centres
 *   token|enroll [--label "…"] [--centre <code>] [--hours 24]    print a one-time enrollment token
 *   assign --device <uuid> [--centre <code>]                     move a device to a centre (none without --centre)
 *   status                                                       every device: stored ratings, chain, heartbeat
 *   revoke --device <uuid>                                       refuse a device from now on
 *   retention --months N [--drop]                                PostgreSQL: detach (and drop) older month partitions
 *   user add|list|disable|enable --username u [--role r --centre id --name "…"]   dashboard accounts (password: stdin)
 * serve also takes --secure-cookies (the dashboard is reached over TLS) and --trust-proxy (behind a reverse proxy that
 * appends the client's address to X-Forwarded-For); --clock-start applies to every command.
 * The database is PostgreSQL when --database or COLLECTOR_DATABASE_URL names one, else the SQLite file --db.
 * Prints JSON lines on stdout, so scripts can read them.
 */
const USAGE =
  'usage: collector serve|migrate|centre|centres|token|enroll|assign|status|revoke|retention|user [--db file | --database url] (see README)'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string', default: path.resolve('.data', 'collector', 'collector.db') },
    database: { type: 'string' },
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'admin-token': { type: 'string' },
    label: { type: 'string', default: '' },
    hours: { type: 'string', default: '24' },
    device: { type: 'string' },
    centre: { type: 'string' },
    id: { type: 'string' },
    name: { type: 'string' },
    months: { type: 'string' },
    drop: { type: 'boolean', default: false },
    username: { type: 'string' },
    role: { type: 'string' },
    'secure-cookies': { type: 'boolean', default: false },
    'trust-proxy': { type: 'boolean', default: false },
    'clock-start': { type: 'string' },
  },
})
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
const dbFile = path.resolve(values.db)
const database = values.database ?? process.env[DATABASE_ENV] ?? null
/** --clock-start puts every command on a known instant (tokens, accounts) and serve's clock ticks on from it. */
let clock: Clock = systemClock

async function main(): Promise<void> {
  const command = positionals[0] ?? 'serve'
  if (database === null) fs.mkdirSync(path.dirname(dbFile), { recursive: true })
  clock = clockFromStart(values['clock-start'])
  if (command === 'serve') return serve()
  const store = await openStore({ database, dbFile, now: clock.now() })
  try {
    await run(command, store)
  } finally {
    await store.close()
  }
}

async function run(command: string, store: Store): Promise<void> {
  const now = clock.now()
  if (command === 'migrate') {
    out({ migrated: store.where })
  } else if (command === 'centre' && values.id !== undefined && values.name !== undefined) {
    out(await saveCentre(store, values.id, values.name, now))
  } else if (command === 'centres') {
    for (const centre of await listCentres(store)) out(centre)
  } else if (command === 'token' || command === 'enroll') {
    const hours = Number(values.hours)
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new Error('--hours: 0 < hours ≤ 720')
    const centre = values.centre ?? null
    if (centre !== null && !(await centreExists(store, centre))) throw new Error(`no centre ${centre}: add it first`)
    const token = await createEnrollmentToken(store, values.label, now, hours * 3600_000, centre)
    out({ token, expiresInHours: hours, centre })
  } else if (command === 'assign' && values.device !== undefined) {
    out({ device: values.device, centre: values.centre ?? null, moved: await assignDevice(store, values.device, values.centre ?? null) })
  } else if (command === 'status') {
    for (const id of await listDeviceIds(store)) out(await deviceStatus(store, id))
  } else if (command === 'revoke' && values.device !== undefined) {
    out({ device: values.device, revoked: await revokeDevice(store, values.device, now) })
  } else if (command === 'user') {
    for (const line of await userCommand(store, positionals[1], values, readStdinLine, now)) out(line)
  } else if (command === 'retention' && values.months !== undefined) {
    const detached = await detachOlderThan(store, now, Number(values.months), values.drop)
    out({ detached, dropped: values.drop })
  } else {
    throw new Error(USAGE)
  }
}

async function serve(): Promise<void> {
  const port = parsePort(values.port)
  const adminToken = values['admin-token'] ?? process.env.COLLECTOR_ADMIN_TOKEN ?? crypto.randomBytes(18).toString('base64url')
  const collector = await startCollector({
    clock,
    secureCookies: values['secure-cookies'],
    trustProxy: values['trust-proxy'],
    alertIntervalMs: ALERT_TICK_MS,
    dbFile,
    database,
    host: values.host,
    port,
    adminToken,
    log: (line) => process.stderr.write(`[collector] ${line}\n`),
  })
  process.stdout.write(`${JSON.stringify({ url: collector.url, db: collector.db.where, adminToken, dashboard: `${collector.url}dashboard/`, now: clock.now() })}\n`)
  process.stderr.write(`Collector at ${collector.url} — data in ${collector.db.where}\n`)
  const stop = () => void collector.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openCollectorDb } from './db'
import { createEnrollmentToken, listDeviceIds, revokeDevice } from './devices'
import { startCollector } from './server'
import { deviceStatus } from './status'

/**
 * `node out/main/collector.js <command> [--db collector.db]` (or `npm run collector -- <command>`):
 *   serve [--port 8787] [--host 127.0.0.1] [--admin-token T]   run the reference collector
 *   token [--label "UBND xã …, kiosk 1"] [--hours 24]            print a one-time enrollment token
 *   status                                                        every device: stored ratings, chain, heartbeat
 *   revoke --device <uuid>                                        refuse a device from now on
 * Prints JSON lines on stdout, so scripts can read them.
 */
const USAGE = 'usage: collector serve|token|status|revoke [--db file] (see README, "Upload")'

function main(): Promise<void> | void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: path.resolve('.data', 'collector', 'collector.db') },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'admin-token': { type: 'string' },
      label: { type: 'string', default: '' },
      hours: { type: 'string', default: '24' },
      device: { type: 'string' },
    },
  })
  const dbFile = path.resolve(values.db)
  const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
  const command = positionals[0] ?? 'serve'
  fs.mkdirSync(path.dirname(dbFile), { recursive: true })
  if (command === 'serve') return serve(dbFile, values)
  const db = openCollectorDb(dbFile)
  try {
    if (command === 'token') {
      const hours = Number(values.hours)
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new Error('--hours: 0 < hours ≤ 720')
      out({ token: createEnrollmentToken(db, values.label, Date.now(), hours * 3600_000), expiresInHours: hours })
    } else if (command === 'status') {
      for (const id of listDeviceIds(db)) out(deviceStatus(db, id))
    } else if (command === 'revoke' && values.device !== undefined) {
      out({ device: values.device, revoked: revokeDevice(db, values.device, Date.now()) })
    } else {
      throw new Error(USAGE)
    }
  } finally {
    db.close()
  }
}

async function serve(dbFile: string, values: { port: string; host: string; 'admin-token'?: string }): Promise<void> {
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`)
  const adminToken = values['admin-token'] ?? process.env.COLLECTOR_ADMIN_TOKEN ?? crypto.randomBytes(18).toString('base64url')
  const collector = await startCollector({
    dbFile,
    host: values.host,
    port,
    adminToken,
    log: (line) => process.stderr.write(`[collector] ${line}\n`),
  })
  process.stdout.write(`${JSON.stringify({ url: collector.url, db: dbFile, adminToken })}\n`)
  process.stderr.write(`Reference collector at ${collector.url} — data in ${dbFile}\n`)
  const stop = () => void collector.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

Promise.resolve()
  .then(main)
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })

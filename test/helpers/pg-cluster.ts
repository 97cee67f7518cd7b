import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { freePort } from './free-port'

/**
 * A throwaway PostgreSQL cluster for the collector's tests and bench: Debian's binaries (initdb, pg_ctl) on a data
 * directory in a temp dir, listening on 127.0.0.1 on a free port, durability off (it is thrown away). Started
 * outside libfaketime (the CI's second pass moves the clock of every child process): the collector never asks the
 * server for the time, and a server whose clock jumps is not what is under test.
 */
export interface Cluster {
  /** The superuser's URL to the `postgres` database. */
  url: string
  stop(): void
}

/** The newest PostgreSQL's bin directory: KIOSK_PG_BIN, else /usr/lib/postgresql/<n>/bin, else initdb on PATH. */
export function findPgBin(): string | null {
  const given = process.env.KIOSK_PG_BIN
  if (given !== undefined && fs.existsSync(path.join(given, 'initdb'))) return given
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (newest !== undefined) return path.join(root, newest, 'bin')
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && fs.existsSync(path.join(dir, 'initdb'))) return dir
  }
  return null
}

export const PG_MISSING =
  'PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): the collector tests run on ' +
  'PostgreSQL too. Install it (Debian: apt-get install postgresql), or outside CI set KIOSK_SKIP_PG=1 to leave them out.'

/** The environment without libfaketime's hooks, so the server runs on the real clock. */
function realClockEnv(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME'))
  return { ...Object.fromEntries(kept), TZ: 'UTC', LC_ALL: 'C' }
}

export async function startCluster(): Promise<Cluster> {
  const bin = findPgBin()
  if (bin === null) throw new Error(PG_MISSING)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pg-'))
  const data = path.join(dir, 'data')
  // initdb refuses to run as root: as root, run the binaries as the postgres user, in a directory it owns.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    fs.chownSync(dir, uid, gid)
  }
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]
    execFileSync(file, argv, { env: realClockEnv(), stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const port = await freePort()
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'])
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ')
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start'])
  } catch (error) {
    const log = path.join(dir, 'server.log')
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`could not start a throwaway PostgreSQL: ${String(error)}\n${tail}`, { cause: error })
  }
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

let schemas = 0

/**
 * A fresh, empty schema in the cluster for one collector (a test, a bench run): its URL sets the search_path, so
 * every table the collector makes lands there. Cheaper than a database per test, and as separate.
 */
export async function freshSchemaUrl(clusterUrl: string, prefix = 't'): Promise<string> {
  const name = `${prefix}_${process.pid}_${++schemas}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: clusterUrl })
  await client.connect()
  try {
    await client.query(`CREATE SCHEMA ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(clusterUrl)
  url.searchParams.set('options', `-c search_path=${name}`)
  return url.toString()
}

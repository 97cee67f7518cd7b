import crypto from 'node:crypto'
import os from 'node:os'

/**
 * Who holds the upload lease, precisely enough to tell when that holder is gone. A kiosk process killed in the
 * middle of a round (power cut, crash, kill -9) never hands its lease back; without this, the next process would
 * wait out the lease's whole length (70 s by default) while looking idle.
 *
 * The owner string is `instance.process.pid.host`:
 * - instance: random per uploader (two uploaders in one process are two owners),
 * - process: random per process (a later process that got the same pid is not the holder),
 * - pid: to ask the operating system whether the holder still runs,
 * - host: a short hash of the host name (a pid means nothing on another machine or in another container).
 */
export interface LeaseOwner {
  instance: string
  process: string
  pid: number
  host: string
}

const OWNER = /^([0-9a-f]{12})\.([0-9a-f]{12})\.(\d{1,10})\.([0-9a-f]{8})$/

/** This process, as it appears in the lease. */
export const thisProcess: Omit<LeaseOwner, 'instance'> = {
  process: crypto.randomBytes(6).toString('hex'),
  pid: process.pid,
  host: crypto.createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8),
}

export function formatOwner(owner: LeaseOwner): string {
  return `${owner.instance}.${owner.process}.${owner.pid}.${owner.host}`
}

/** An owner name for a new uploader of this process. */
export function newLeaseOwner(): string {
  return formatOwner({ ...thisProcess, instance: crypto.randomBytes(6).toString('hex') })
}

export function parseOwner(owner: string): LeaseOwner | null {
  const m = OWNER.exec(owner)
  if (m === null || m[1] === undefined || m[2] === undefined || m[3] === undefined || m[4] === undefined) return null
  return { instance: m[1], process: m[2], pid: Number(m[3]), host: m[4] }
}

/**
 * True only when the holder certainly no longer runs. Every doubt keeps the lease (it then ends when it expires,
 * as before): an owner written by an older version, another host, a pid now used by an unrelated process (the
 * signal-0 probe succeeds or is refused with EPERM). Our own pid under another process token means this process
 * re-used the pid of a holder that died.
 */
export function holderGone(owner: string): boolean {
  const o = parseOwner(owner)
  if (o === null || o.host !== thisProcess.host) return false
  if (o.pid === thisProcess.pid) return o.process !== thisProcess.process
  try {
    // Signal 0 sends nothing: it only asks whether the process exists (POSIX kill(2); libuv does the same on Windows).
    process.kill(o.pid, 0)
    return false
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'ESRCH'
  }
}

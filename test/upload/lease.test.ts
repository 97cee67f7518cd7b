import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { formatOwner, thisProcess } from '../../electron/core/upload/lease-owner'
import { acquireLease, leaseHeldElsewhereUntil } from '../../electron/core/upload/state-repo'
import { spawnKioskChild } from './helpers/child'
import { testCollector } from './helpers/collector'
import { testKiosk } from './helpers/kiosk'

const LEASE_MS = 70_000

/** Waits (on real time: the kiosks' clocks stay where they are) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1500 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20))
  expect(done()).toBe(true)
}

/** The pid of a process that ran and has exited (and was reaped): nothing runs under it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => child.on('exit', resolve))
  if (child.pid === undefined) throw new Error('no pid')
  return child.pid
}

function holdLease(db: Parameters<typeof acquireLease>[0], owner: string, at: number): void {
  db.prepare('INSERT OR REPLACE INTO upload_lease (id, owner, acquired_at, expires_at) VALUES (1, ?, ?, ?)').run(
    owner,
    at,
    at + LEASE_MS,
  )
}

describe('the upload lease belongs to the process that took it', () => {
  it('a process killed with SIGKILL mid-round does not block the next one: it uploads at once, clock unchanged', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.connect(collector, { timeoutSeconds: 60 }) // the held request must not time out in the child
    expect(await kiosk.uploader.flush('manual')).toBe('done') // enrolled
    const uuids = kiosk.rate(3, { stepMs: 0 })
    let release = () => {}
    collector.faults.holdUntil = new Promise<void>((resolve) => (release = resolve))
    const child = spawnKioskChild(['flush', '--dir', kiosk.dir, '--clock', String(kiosk.clock.now())], () => {})
    await until(() => collector.faults.requests.batches === 1) // the child holds the lease, its batch in flight

    // While the child lives, this process leaves the round to it, and its status says it is waiting on it.
    expect(await kiosk.uploader.flush('manual')).toBe('busy')
    const waiting = kiosk.uploader.status()
    expect(waiting).toMatchObject({ state: 'leased', pending: 3 })
    expect(waiting.nextAttemptAt).toBeGreaterThan(kiosk.clock.now())

    child.process.kill('SIGKILL')
    expect((await child.exited).signal).toBe('SIGKILL')
    expect(kiosk.uploader.status()).toMatchObject({ state: 'idle', pending: 3 })
    collector.faults.holdUntil = null
    release()
    expect(await kiosk.uploader.flush('manual')).toBe('done') // no clock advanced: the dead holder's lease is void
    expect(kiosk.uuidsInState('pending')).toEqual([])
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
  }, 60_000)

  it('on this host, a dead pid frees the lease; anything it cannot be sure of keeps it until it expires', async () => {
    const kiosk = testKiosk()
    const now = kiosk.clock.now()
    const pid = await deadPid()
    const cases: [string, string, boolean][] = [
      ['dead pid, this host', formatOwner({ ...thisProcess, instance: 'a'.repeat(12), pid }), true],
      ['dead pid, another host', formatOwner({ ...thisProcess, instance: 'a'.repeat(12), pid, host: 'ffffffff' }), false],
      ['our pid, another process (the holder died, we reuse its pid)', formatOwner({ ...thisProcess, instance: 'a'.repeat(12), process: '0'.repeat(12) }), true],
      ['another uploader of this very process', formatOwner({ ...thisProcess, instance: 'b'.repeat(12) }), false],
      ['an owner written by an older version', '5b1c0c0e-8f3b-4c2d-9e7a-1b2c3d4e5f60', false],
      ['a live process (the test runner)', formatOwner({ ...thisProcess, instance: 'c'.repeat(12), process: '1'.repeat(12), pid: process.ppid }), false],
    ]
    for (const [name, owner, free] of cases) {
      holdLease(kiosk.db, owner, now)
      expect({ name, free: acquireLease(kiosk.db, 'me', now, LEASE_MS) }).toEqual({ name, free })
      expect({ name, until: leaseHeldElsewhereUntil(kiosk.db, 'me', now) }).toEqual({ name, until: free ? null : now + LEASE_MS })
      // Every kept lease still ends when it expires.
      expect(acquireLease(kiosk.db, 'me', now + LEASE_MS, LEASE_MS)).toBe(true)
    }
  })

  it('a lease taken "in the future" by more than its length (the clock was set back) is stale', () => {
    const kiosk = testKiosk()
    const now = kiosk.clock.now()
    holdLease(kiosk.db, formatOwner({ ...thisProcess, instance: 'b'.repeat(12) }), now + LEASE_MS + 1)
    expect(acquireLease(kiosk.db, 'me', now, LEASE_MS)).toBe(true)
    holdLease(kiosk.db, formatOwner({ ...thisProcess, instance: 'b'.repeat(12) }), now + LEASE_MS - 1)
    expect(acquireLease(kiosk.db, 'me', now, LEASE_MS)).toBe(false)
  })
})

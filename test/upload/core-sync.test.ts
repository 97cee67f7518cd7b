import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { getSetting } from '../../electron/core/config/config-repo'
import { openDatabase } from '../../electron/core/db/open'
import type { SyncStatus } from '../../shared/schemas/sync'
import { fixedClock, testCore } from '../helpers/core'
import { testCollector } from './helpers/collector'
import { ratingWriter, steppingClock } from './helpers/rate'

const config = (endpoint: string | null, enrollmentToken: string | null) => ({
  enabled: endpoint !== null,
  endpoint,
  intervalSeconds: 60,
  timeoutSeconds: 5,
  heartbeatSeconds: 300,
  enrollmentToken,
  label: 'Quầy 1',
})

describe('sync calls through core', () => {
  it('off by default; configured, "sync now" uploads and pushes sync:status; the token is never read back', async () => {
    const clock = fixedClock()
    const core = testCore({ clock })
    expect(await core.invoke('sync:status', {})).toMatchObject({ ok: true, value: { state: 'disabled', pending: 0 } })
    expect(await core.invoke('sync:config', {})).toMatchObject({ ok: true, value: { enabled: false, endpoint: null } })

    // Two ratings written by rating-service on a second connection (another process would do the same).
    const { db } = openDatabase(core.dbFile, clock)
    const writer = ratingWriter(db, steppingClock(clock.now()), getSetting(db, 'device').deviceId)
    const uuids = [writer.one(0), writer.one(1)]
    const deviceId = getSetting(db, 'device').deviceId
    db.close()

    const collector = await testCollector()
    const refused = await core.invoke('sync:configure', { config: { ...config(null, null), enabled: true }, clearToken: false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const token = collector.createEnrollmentToken('t')
    const configured = await core.invoke('sync:configure', { config: config(collector.url, token), clearToken: false })
    expect(configured).toMatchObject({ ok: true, value: { enabled: true, hasEnrollmentToken: true } })
    expect(JSON.stringify(configured)).not.toContain(token)

    const pushed: SyncStatus[] = []
    core.subscribe((event, payload) => {
      if (event === 'sync:status') pushed.push(payload as SyncStatus)
    })
    const now = await core.invoke('sync:now', {})
    expect(now).toMatchObject({ ok: true, value: { state: 'idle', pending: 0, headSeq: 2, chain: { verifiedSeq: 2 } } })
    expect(pushed.map((s) => s.state)).toContain('syncing')
    expect(pushed.at(-1)).toMatchObject({ state: 'idle', pending: 0 })
    expect(storedRatings(collector.db, deviceId).map((r) => r.uuid)).toEqual(uuids)
    expect(await core.invoke('sync:config', {})).toMatchObject({ ok: true, value: { hasEnrollmentToken: false } })
    expect(await core.invoke('sync:deadLetters', { limit: 10 })).toEqual({ ok: true, value: [] })
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { storedRatings } from '../../electron/collector/status'
import { getSetting } from '../../electron/core/config/config-repo'
import { openDatabase } from '../../electron/core/db/open'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import type { SyncStatus } from '../../shared/schemas/sync'
import { cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
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
    const core = testCore({ clock, pinCost: cheapCost })
    expect(await core.invoke('sync:status', {}, TEST_CLIENT)).toMatchObject({ ok: true, value: { state: 'disabled', pending: 0 } })
    // The status is for every screen (the sync indicator); the configuration is IT's.
    expect(await core.invoke('sync:config', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await core.invoke('sync:now', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // Two ratings written by rating-service on a second connection (another process would do the same).
    const { db } = openDatabase(core.dbFile, clock)
    const secret = fileSecretStore(path.join(path.dirname(core.dbFile), 'secrets')).getOrCreate('device', 32)
    const writer = ratingWriter(db, steppingClock(clock.now()), getSetting(db, 'device').deviceId, secret)
    const uuids = [writer.one(0), writer.one(1)]
    const deviceId = getSetting(db, 'device').deviceId
    db.close()

    const collector = await testCollector()
    // Configuring the upload is IT's: refused without an admin session.
    const anonymous = await core.invoke('sync:configure', { config: config(null, null), clearToken: false }, TEST_CLIENT)
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await core.invoke('sync:deadLetters', { limit: 10 }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await core.invoke('sync:requeueDead', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await loginAdmin(core)
    expect(await core.invoke('sync:config', {}, TEST_CLIENT)).toMatchObject({ ok: true, value: { enabled: false, endpoint: null } })
    const refused = await core.invoke('sync:configure', { config: { ...config(null, null), enabled: true }, clearToken: false }, TEST_CLIENT)
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const token = collector.createEnrollmentToken('t')
    const configured = await core.invoke('sync:configure', { config: config(collector.url, token), clearToken: false }, TEST_CLIENT)
    expect(configured).toMatchObject({ ok: true, value: { enabled: true, hasEnrollmentToken: true } })
    expect(JSON.stringify(configured)).not.toContain(token)

    const pushed: SyncStatus[] = []
    core.subscribe((event, payload) => {
      if (event === 'sync:status') pushed.push(payload as SyncStatus)
    })
    const now = await core.invoke('sync:now', {}, TEST_CLIENT)
    expect(now).toMatchObject({ ok: true, value: { state: 'idle', pending: 0, headSeq: 2, chain: { verifiedSeq: 2 } } })
    expect(pushed.map((s) => s.state)).toContain('syncing')
    expect(pushed.at(-1)).toMatchObject({ state: 'idle', pending: 0 })
    expect((await storedRatings(collector.db, deviceId)).map((r) => r.uuid)).toEqual(uuids)
    expect(await core.invoke('sync:config', {}, TEST_CLIENT)).toMatchObject({ ok: true, value: { hasEnrollmentToken: false } })
    expect(await core.invoke('sync:deadLetters', { limit: 10 }, TEST_CLIENT)).toEqual({ ok: true, value: [] })
    expect(await core.invoke('sync:requeueDead', {}, TEST_CLIENT)).toEqual({ ok: true, value: { requeued: 0 } })
  })
})

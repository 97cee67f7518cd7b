import { defaultQueueSettings } from '../../electron/core/queue/default-settings'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CALLS } from '../../shared/channels'
import type { CentreOverview } from '../../shared/schemas/centre'
import { dispatch, type Handlers } from '../../electron/core/dispatch'
import { AppError } from '../../electron/core/errors'
import { testCore, TEST_CLIENT } from '../helpers/core'

function countEvents(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT count(*) FROM system_events').pluck().get() as number
  } finally {
    db.close()
  }
}

describe('core.invoke', () => {
  it('answers centre:overview with the seeded demo centre in Vietnamese', async () => {
    const core = testCore()
    const result = await core.invoke('centre:overview', {}, TEST_CLIENT)
    expect(result.ok).toBe(true)
    const overview = (result.ok ? result.value : null) as CentreOverview
    expect(overview.centre.name.vi).toBe('Trung tâm Phục vụ hành chính công (bản trình diễn)')
    expect(overview.counters.map((c) => c.name.vi)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Quầy ${n}`))
    expect(overview.counters.map((c) => c.officer?.fullName)).toEqual([
      'Nguyễn Thị Hương',
      'Trần Văn Đức',
      'Lê Thị Thu Hà',
      'Phạm Minh Tuấn',
      'Hoàng Thị Ngọc Ánh',
      'Võ Quốc Bảo',
    ])
    expect(overview.fields.map((f) => `${f.prefix} ${f.name.vi}`)).toEqual([
      'A Đất đai',
      'B Tư pháp – Hộ tịch',
      'C Đăng ký kinh doanh',
      'D Xây dựng',
    ])
    expect(overview.counters[5]?.fieldIds).toHaveLength(3)
    expect(overview.kiosk.language).toBe('vi')
  })

  it('seeds only once: a second start on the same data dir keeps one centre', async () => {
    const first = testCore()
    const dataDir = first.dbFile.replace(/\/kiosk\.db$/, '')
    first.close()
    const second = testCore({ dataDir })
    const result = await second.invoke('centre:overview', {}, TEST_CLIENT)
    expect(result.ok && (result.value as CentreOverview).counters).toHaveLength(6)
    const seeded = await second.invoke('system:events', { limit: 50, kinds: ['db.seeded'] }, TEST_CLIENT)
    expect(seeded.ok && seeded.value).toHaveLength(1)
  })

  it('records a renderer error report and pushes it as an event', async () => {
    const core = testCore()
    const pushed: unknown[] = []
    core.subscribe((event, payload) => pushed.push({ event, payload }))
    const result = await core.invoke('diagnostics:report', { message: 'Lỗi hiển thị', screen: 'home' }, TEST_CLIENT)
    expect(result).toEqual({ ok: true, value: { recorded: true } })
    expect(pushed).toEqual([
      { event: 'system:event', payload: expect.objectContaining({ kind: 'renderer.error' }) },
    ])
    const listed = await core.invoke('system:events', { limit: 1 }, TEST_CLIENT)
    expect(listed.ok && (listed.value as { detail: string }[])[0]?.detail).toContain('Lỗi hiển thị')
  })

  const badInputs: [string, unknown][] = [
    ['an unknown key', { message: 'x', screen: 'home', extra: 1 }],
    ['an oversized string', { message: 'x'.repeat(501), screen: 'home' }],
    ['a missing field', { message: 'x' }],
    ['a wrong type', { message: 42, screen: 'home' }],
    ['not an object', 'message'],
  ]

  it.each(badInputs)(
    'rejects %s with BAD_INPUT and writes nothing',
    async (_label, input) => {
      const core = testCore()
      const before = countEvents(core.dbFile)
      const result = await core.invoke('diagnostics:report', input, TEST_CLIENT)
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error.code).toBe('BAD_INPUT')
      expect(countEvents(core.dbFile)).toBe(before)
    },
  )

  it('rejects unknown keys and out-of-range values on calls without writes too', async () => {
    const core = testCore()
    for (const input of [{ limit: 10, x: 1 }, { limit: 501 }, { limit: 10, kinds: ['nope'] }, undefined]) {
      const result = await core.invoke('system:events', input, TEST_CLIENT)
      expect(!result.ok && result.error.code).toBe('BAD_INPUT')
    }
    expect(await core.invoke('app:info', { anything: true }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('rejects an unknown channel', async () => {
    const core = testCore()
    const result = await core.invoke('rating:delete', {}, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } })
  })

  it('every contract call is reachable through invoke', async () => {
    const core = testCore()
    const minimal: Record<(typeof CALLS)[number], unknown> = {
      'app:info': {},
      'centre:overview': {},
      'system:events': { limit: 5 },
      'diagnostics:report': { message: 'm', screen: 's' },
      'rating:form': {},
      'rating:lookup': { query: 'A0001' },
      'rating:open': {},
      'rating:submit': { ticketUid: null, counterId: 1, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' },
      'queue:board': {},
      'queue:options': {},
      'queue:take': { fieldId: 1, priorityGroup: null },
      'queue:counter': { counterId: 1 },
      'queue:callNext': { counterId: 1 },
      'queue:recall': { counterId: 1 },
      'queue:serve': { counterId: 1 },
      'queue:skip': { counterId: 1 },
      'queue:transfer': { counterId: 1, to: { kind: 'field', fieldId: 2 } },
      'queue:complete': { counterId: 1 },
      'sync:status': {},
      'sync:now': {},
      'sync:config': {},
      'sync:configure': { config: { enabled: false, endpoint: null, intervalSeconds: 60, timeoutSeconds: 15, heartbeatSeconds: 300, enrollmentToken: null, label: '' }, clearToken: false },
      'sync:deadLetters': { limit: 10 },
      'sync:requeueDead': {},
      'sync:test': {},
      'auth:accounts': {},
      'auth:login': { accountId: 1, pin: '000000' },
      'auth:setup': { displayName: 'IT', pin: '000000' },
      'auth:logout': {},
      'auth:session': {},
      'auth:touch': {},
      'auth:list': {},
      'auth:setOfficerPin': { officerId: 1, pin: '000000' },
      'auth:addAdmin': { displayName: 'IT 2', pin: '000000' },
      'auth:unlock': { accountId: 1 },
      'auth:disable': { accountId: 1 },
      'auth:setAdminPin': { accountId: 1, pin: '000000' },
      'audit:list': { limit: 10, before: null, from: null, to: null, action: null },
      'audit:export': {},
      'staff:myRatings': { range: { kind: 'last', days: 7 } },
      'staff:dispute': { ratingId: 1, note: 'Không phải tôi phục vụ' },
      'disputes:list': { status: 'all' },
      'disputes:resolve': { id: 1, outcome: 'rejected', note: '' },
      'admin:health': {},
      'admin:config': {},
      'admin:saveCentre': { centre: { name: { vi: 'Trung tâm', en: '' }, address: '' } },
      'admin:saveKiosk': { kiosk: { mode: 'lobby', counterId: null, language: 'vi', idle: { citizenSeconds: 30, staffSeconds: 60 }, display: { kiosk: false, fullscreen: false, boardOnSecondDisplay: false } } },
      'admin:saveRatingForm': { form: defaultRatingForm(3) },
      'admin:saveQueueOptions': { queue: { printer: defaultQueueSettings.printer, voice: defaultQueueSettings.voice, priorityGroups: [] } },
      'admin:saveField': { id: null, prefix: 'Z', name: { vi: 'Khác', en: '' }, sortOrder: 9, active: true },
      'admin:saveCounter': { id: null, number: 99, name: { vi: 'Quầy 99', en: '' }, fieldIds: [1], active: true },
      'admin:saveOfficer': { id: null, fullName: 'Nguyễn Văn A', title: { vi: 'Chuyên viên', en: '' }, active: true, photo: 'keep' },
      'admin:assign': { counterId: 1, officerId: null },
      'admin:ratingFormDefaults': { scale: 5 },
      'admin:exportConfig': {},
      'admin:importConfig': {
        config: {
          format: 'kiosk-mot-cua-config',
          version: 1,
          exportedAt: 0,
          centre: { name: { vi: 'Trung tâm', en: '' }, address: '' },
          kiosk: { mode: 'lobby', counterNumber: null, language: 'vi', idle: { citizenSeconds: 30, staffSeconds: 60 }, display: { kiosk: false, fullscreen: false, boardOnSecondDisplay: false } },
          ratingForm: defaultRatingForm(3),
          anonymousCounterNumbers: [],
          queue: defaultQueueSettings,
          fields: [],
          counters: [],
          officers: [],
        },
      },
      'reports:summary': { range: { kind: 'last', days: 7 }, groupBy: 'officer' },
      'reports:pdf': { range: { kind: 'last', days: 7 }, groupBy: 'officer' },
      'exports:start': { range: { kind: 'last', days: 7 }, format: 'csv' },
      'exports:status': { jobId: '00000000-0000-4000-8000-000000000000' },
      'exports:chunk': { jobId: '00000000-0000-4000-8000-000000000000', index: 0 },
      'backup:list': {},
      'backup:now': { folder: null },
      'backup:restore': { name: 'kiosk-manual-20261126-020000.db', confirm: true },
      'devices:list': {},
      'devices:pairStart': { role: 'board', counterId: null },
      'devices:rename': { id: '00000000-0000-4000-8000-000000000000', name: 'Màn hình quầy 1' },
      'devices:move': { id: '00000000-0000-4000-8000-000000000000', counterId: 1 },
      'devices:revoke': { id: '00000000-0000-4000-8000-000000000000' },
      'link:status': {},
      'link:pair': { code: '127.0.0.1:8443 0000-0000-0000-0000' },
    }
    // Reachable: the call gets past parsing to its handler (which may still refuse for reasons of state).
    for (const channel of CALLS) {
      const result = await core.invoke(channel, minimal[channel], TEST_CLIENT)
      const code = result.ok ? 'ok' : result.error.code
      expect({ channel, code }).not.toMatchObject({ code: expect.stringMatching(/^(BAD_INPUT|UNKNOWN_CALL|INTERNAL)$/) })
    }
  })
})

describe('dispatch', () => {
  const log = { errors: [] as string[], error(m: string) { this.errors.push(m) }, info() {} }
  const base = {
    'app:info': () => ({ name: 'x', version: '1', shell: 'web' as const, schemaVersion: 1 }),
  }

  it('turns an AppError into its code and an unexpected throw into INTERNAL', async () => {
    const handlers = {
      ...base,
      'system:events': () => {
        throw new AppError('NOT_FOUND', 'nothing here')
      },
      'diagnostics:report': () => {
        throw new Error('disk on fire')
      },
    } as unknown as Handlers
    expect(await dispatch(handlers, log, 'system:events', { limit: 1 }, TEST_CLIENT)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'nothing here' },
    })
    const internal = await dispatch(handlers, log, 'diagnostics:report', { message: 'm', screen: 's' }, TEST_CLIENT)
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(!internal.ok && internal.error.message).not.toContain('disk on fire')
    expect(log.errors.some((m) => m.includes('diagnostics:report'))).toBe(true)
  })

  it('refuses to return a value outside the output schema', async () => {
    const handlers = { ...base, 'app:info': () => ({ name: 'x', secret: 'leak' }) } as unknown as Handlers
    const result = await dispatch(handlers, log, 'app:info', {}, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { defaultQueueSettings } from '../../electron/core/queue/default-settings'
import type { EventName } from '../../shared/channels'
import { QueueOptionsInputSchema, type QueueOptionsInput } from '../../shared/schemas/admin'
import type { CounterQueue, QueueOptions, QueueSettings } from '../../shared/schemas/queue'
import { call, loginAdmin } from '../auth/helpers'
import { staffedCore } from '../helpers/counter-staff'
import { fixedClock, TEST_CLIENT } from '../helpers/core'
import { demoIds, readQueueSettings, writeSetting } from '../queue/helpers'

/**
 * The "printer, voice and priority groups" page's call: admin only, checked by the shared schema, all or nothing,
 * audited with before and after, and the rest of the queue settings (source, reset hour, zone) left alone.
 */

/** Settings that differ from the defaults in everything the page does not edit, to see they survive a save. */
const stored: QueueSettings = {
  ...defaultQueueSettings,
  resetHour: 4,
  timeZone: 'Asia/Bangkok',
  external: { url: 'http://127.0.0.1:9/snapshot', pollSeconds: 5, useEtag: true, staleSeconds: 60, timeoutSeconds: 3 },
}

const edited: QueueOptionsInput = {
  printer: { enabled: true, deviceName: 'XP-80C', paperWidthMm: 58 },
  voice: { enabled: false, volume: 0.5 },
  priorityGroups: [
    { key: 'nguoi_cao_tuoi', label: { vi: 'Người cao tuổi (từ 75 tuổi)', en: 'Elderly (75 and over)' } },
    { key: 'thuong_binh', label: { vi: 'Thương binh', en: 'War invalid' } },
  ],
}

function auditRows(dbFile: string): { action: string; target: string; detail: string }[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT action, target, detail FROM audit_log ORDER BY id').all() as {
      action: string
      target: string
      detail: string
    }[]
  } finally {
    db.close()
  }
}

function setup() {
  const core = staffedCore({ clock: fixedClock() })
  writeSetting(core.dbFile, 'queue', stored)
  const pushed: unknown[] = []
  core.subscribe((event: EventName, payload) => {
    if (event === 'queue:options') pushed.push(payload)
  })
  return { core, pushed }
}

describe('admin: printer, voice and priority groups', () => {
  it('refuses anyone but an admin, changing nothing', async () => {
    const { core, pushed } = setup()
    const result = await core.invoke('admin:saveQueueOptions', { queue: edited }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(readQueueSettings(core.dbFile)).toEqual(stored)
    expect(auditRows(core.dbFile).filter((r) => r.action === 'admin.queue_options')).toEqual([])
    expect(pushed).toEqual([])
  })

  it('refuses invalid input with the field it is about, applying none of it', async () => {
    const { core } = setup()
    await loginAdmin(core)
    const auditBefore = auditRows(core.dbFile).length
    const bad = {
      printer: { enabled: true, deviceName: 'x'.repeat(201), paperWidthMm: 72 },
      voice: { enabled: false, volume: 1.5 },
      priorityGroups: [
        { key: 'nguoi_cao_tuoi', label: { vi: 'Người cao tuổi', en: '' } },
        { key: 'Người có công', label: { vi: '', en: '' } },
        { key: 'nguoi_cao_tuoi', label: { vi: 'Trùng khóa', en: '' } },
      ],
    }
    // The same schema the page checks with names each wrong field, so the message goes next to it.
    const parsed = QueueOptionsInputSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    const paths = new Set(parsed.error?.issues.map((i) => i.path.join('.')))
    expect([...paths].sort()).toEqual([
      'printer.deviceName',
      'printer.paperWidthMm',
      'priorityGroups.1.key',
      'priorityGroups.1.label.vi',
      'voice.volume',
    ])
    const result = await core.invoke('admin:saveQueueOptions', { queue: bad }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('voice.volume') } })

    // Valid field by field, but two groups share a key: refused as a whole, with the duplicate named.
    const duplicate = { ...edited, priorityGroups: [...edited.priorityGroups, edited.priorityGroups[0]] }
    const dup = QueueOptionsInputSchema.safeParse(duplicate)
    expect(dup.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['priorityGroups.2.key', 'duplicate key']])
    expect(await core.invoke('admin:saveQueueOptions', { queue: duplicate }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const eleven = { ...edited, priorityGroups: Array.from({ length: 11 }, (_, i) => ({ key: `g${i}`, label: { vi: `Nhóm ${i}`, en: '' } })) }
    expect(await core.invoke('admin:saveQueueOptions', { queue: eleven }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    // Only the three edited parts may be sent: the source cannot be switched from this page.
    expect(await core.invoke('admin:saveQueueOptions', { queue: { ...edited, source: 'external' } }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })

    expect(readQueueSettings(core.dbFile)).toEqual(stored)
    expect(auditRows(core.dbFile)).toHaveLength(auditBefore)
  })

  it('saves printer, voice and groups at once, audits before and after, keeps the rest, and tells open screens', async () => {
    const { core, pushed } = setup()
    await loginAdmin(core)
    await call(core, 'admin:saveQueueOptions', { queue: edited })

    expect(readQueueSettings(core.dbFile)).toEqual({ ...stored, ...edited })
    const audit = auditRows(core.dbFile).filter((r) => r.action === 'admin.queue_options')
    expect(audit).toHaveLength(1)
    expect(audit[0]?.target).toBe('queue')
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({
      before: { printer: stored.printer, voice: stored.voice, priorityGroups: stored.priorityGroups },
      after: edited,
    })

    // Taking effect at once: the queue reads the setting on every call.
    const options = await call(core, 'queue:options', {})
    expect(options).toMatchObject({ voice: edited.voice, priorityGroups: edited.priorityGroups, timeZone: 'Asia/Bangkok' })
    expect(pushed).toEqual([options])
    expect((await call(core, 'admin:config', {})).queue).toEqual(edited)
  })

  it('keeps a waiting ticket of a removed group called first, and takes no new ticket for that group', async () => {
    const { core } = setup()
    const { field, counter } = await demoIds(core)
    const plain = await call(core, 'queue:take', { fieldId: field.A, priorityGroup: null })
    const merit = await call(core, 'queue:take', { fieldId: field.A, priorityGroup: 'nguoi_co_cong' })
    await loginAdmin(core)
    const remaining = stored.priorityGroups.filter((g) => g.key !== 'nguoi_co_cong')
    await call(core, 'admin:saveQueueOptions', { queue: { ...edited, priorityGroups: remaining } })

    const first = (await call(core, 'queue:callNext', { counterId: counter[1] })) as CounterQueue
    expect(first.current).toMatchObject({ code: merit.code, priorityGroup: 'nguoi_co_cong' })
    expect(plain.code).not.toBe(merit.code)
    const taken = await core.invoke('queue:take', { fieldId: field.A, priorityGroup: 'nguoi_co_cong' }, TEST_CLIENT)
    expect(taken).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const options: QueueOptions = await call(core, 'queue:options', {})
    expect(options.priorityGroups.map((g) => g.key)).toEqual(remaining.map((g) => g.key))
  })
})

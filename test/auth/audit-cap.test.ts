import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DETAIL_MAX } from '../../electron/core/audit/audit-repo'
import { AuditEntrySchema } from '../../shared/schemas/auth'
import { fixedClock, testCore } from '../helpers/core'
import { call, cheapCost, loginAdmin } from './helpers'

const everything = { limit: 1000, before: null, from: null, to: null, action: null }

function storedDetails(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT detail FROM audit_log').pluck().all() as string[]
  } finally {
    db.close()
  }
}

describe('audit entries stay readable', () => {
  it('summarises a requeue of 300 uuids and cuts a long priority-group save, so list and export keep working', async () => {
    const core = testCore({ clock: fixedClock(), pinCost: cheapCost })
    await loginAdmin(core)
    const uuids = Array.from({ length: 300 }, () => crypto.randomUUID())
    await call(core, 'sync:requeueDead', { uuids })
    const long = (i: number) => ({ vi: `Nhóm ưu tiên ${i} `.padEnd(200, 'ơ'), en: `Priority group ${i} `.padEnd(200, 'x') })
    const groups = Array.from({ length: 10 }, (_, i) => ({ key: `nhom_${i}`, label: long(i) }))
    await call(core, 'admin:saveQueueOptions', {
      queue: { printer: { enabled: false, deviceName: '', paperWidthMm: 80 }, voice: { enabled: true, volume: 1 }, priorityGroups: groups },
    })
    await call(core, 'admin:saveQueueOptions', {
      queue: { printer: { enabled: false, deviceName: '', paperWidthMm: 80 }, voice: { enabled: true, volume: 1 }, priorityGroups: [] },
    })

    for (const detail of storedDetails(core.dbFile)) expect(detail.length).toBeLessThanOrEqual(DETAIL_MAX)
    const list = await call(core, 'audit:list', everything)
    const requeue = list.find((e) => e.action === 'sync.requeueDead')
    expect(JSON.parse(requeue?.detail ?? '{}')).toMatchObject({ requeued: 0, uuids: { count: 300 } })
    const saves = list.filter((e) => e.action === 'admin.queue_options')
    expect(saves).toHaveLength(2)
    expect(saves.some((e) => e.detail.endsWith('…[cắt bớt]'))).toBe(true)
    expect((await call(core, 'audit:export', {})).csv).toContain('sync.requeueDead')
  })

  it('lists a row too long for the schema (written before the cap) as unreadable, and the rest as they are', async () => {
    const core = testCore({ clock: fixedClock(), pinCost: cheapCost })
    await loginAdmin(core)
    const db = new Database(core.dbFile)
    db.prepare("INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (1, NULL, '', 'sync.requeueDead', '', ?)").run(
      'x'.repeat(DETAIL_MAX + 1),
    )
    db.close()
    const list = await call(core, 'audit:list', everything)
    expect(list.map((e) => e.action)).toContain('audit.unreadable')
    expect(list.map((e) => e.action)).toContain('auth.setup')
    for (const e of list) expect(AuditEntrySchema.safeParse(e).success).toBe(true)
    expect((await call(core, 'audit:export', {})).csv).toContain('auth.setup')
  })
})

import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import type { UpdateConfig, UpdaterState } from '../../shared/schemas/updates'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'

const state: UpdaterState = {
  channel: 'latest',
  feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/',
  lastCheckAt: Date.UTC(2026, 10, 26, 1, 0),
  result: 'downloaded',
  availableVersion: '1.1.0',
  error: null,
}

describe('update feed and status (admin health page)', () => {
  it('IT sets an https feed; the shell hears of it at start and at once after the change; audited', async () => {
    const configured = vi.fn((_config: UpdateConfig) => {})
    const core = testCore({ pinCost: cheapCost, updates: { state: () => state, configured } })
    expect(configured).toHaveBeenCalledExactlyOnceWith({ feedUrl: null, channel: 'latest' })
    await loginAdmin(core)
    await call(core, 'updates:configure', { feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/', channel: 'beta' })
    expect(configured).toHaveBeenLastCalledWith({ feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/', channel: 'beta' })
    expect(await call(core, 'updates:status', {})).toEqual({
      version: '0.0.0-test',
      config: { feedUrl: 'https://capnhat.tinh.gov.vn/kiosk/', channel: 'beta' },
      updater: state,
    })
    const db = new Database(core.dbFile, { readonly: true })
    try {
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'updates.configure'").pluck().get()).toBe(1)
    } finally {
      db.close()
    }
  })

  it('refuses a feed that is not https (or has credentials or a query) with BAD_INPUT, keeping the old one', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core)
    for (const feedUrl of ['http://capnhat.tinh.gov.vn/', 'https://user:pw@capnhat.tinh.gov.vn/', 'ftp://x/', 'capnhat']) {
      const result = await core.invoke('updates:configure', { feedUrl, channel: 'latest' }, TEST_CLIENT)
      expect(result, feedUrl).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    }
    expect(await call(core, 'updates:status', {})).toEqual({ version: '0.0.0-test', config: { feedUrl: null, channel: 'latest' }, updater: null })
  })

  it('is IT only', async () => {
    const core = testCore()
    const result = await core.invoke('updates:configure', { feedUrl: null, channel: 'latest' }, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

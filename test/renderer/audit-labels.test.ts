import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditAction, auditTarget } from '../../renderer/src/screens/admin/audit-labels'
import type { AuditEntry } from '../../shared/schemas/auth'
import enAdmin from '../../renderer/src/i18n/en/admin.json'
import viAdmin from '../../renderer/src/i18n/vi/admin.json'

const entry = (change: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: 0, actorId: 1, actorName: 'Quản trị CNTT', action: 'auth.login', target: '', targetName: '', detail: '{}', ...change,
})

// The app's own texts, in an i18next instance of the test's own (the app's instance loads them through Vite).
const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.init({
    resources: { vi: { translation: { admin: viAdmin } }, en: { translation: { admin: enAdmin } } },
    lng: 'vi',
    interpolation: { escapeValue: false },
  })
})

describe('audit log labels', () => {
  it('words every action core writes, and shows an unknown one as written', () => {
    const t = i18n.getFixedT('vi')
    expect(auditAction(entry({ action: 'queue.callNext' }), t)).toBe('Gọi số tiếp theo')
    expect(auditAction(entry({ action: 'dispute.open' }), t)).toBe('Khiếu nại đánh giá')
    expect(auditAction(entry({ action: 'future.thing' }), t)).toBe('future.thing')
    expect(auditAction(entry({ action: 'queue.callNext' }), i18n.getFixedT('en'))).toBe('Call next number')
  })

  it('names targets: an account by its name, a counter by its number with the ticket, a rating by its number', () => {
    const t = i18n.getFixedT('vi')
    expect(auditTarget(entry({ target: 'account:1', targetName: 'Nguyễn Văn An' }), t)).toBe('Nguyễn Văn An')
    expect(auditTarget(entry({ target: 'account:9' }), t)).toBe('Tài khoản #9') // the account is gone
    expect(
      auditTarget(entry({ action: 'queue.callNext', target: 'counter:2', targetName: '5', detail: '{"ticket":"A0012"}' }), t),
    ).toBe('Quầy 5 · số A0012')
    expect(auditTarget(entry({ action: 'queue.callNext', target: 'counter:2', targetName: '5', detail: '{"ticket":null}' }), t)).toBe('Quầy 5')
    expect(auditTarget(entry({ target: 'rating:8' }), t)).toBe('Đánh giá #8')
    expect(auditTarget(entry({ target: 'dispute:3' }), t)).toBe('Khiếu nại #3')
    expect(auditTarget(entry({ target: 'field:new' }), t)).toBe('Lĩnh vực mới')
    expect(auditTarget(entry({ target: 'ratingForm' }), t)).toBe('Biểu mẫu đánh giá')
    expect(auditTarget(entry({ target: '' }), t)).toBe('—')
    expect(auditTarget(entry({ target: 'kiosk-2026-11-26.db' }), t)).toBe('kiosk-2026-11-26.db')
    expect(auditTarget(entry({ target: 'rating:8' }), i18n.getFixedT('en'))).toBe('Rating #8')
  })

  it('survives a detail that is not JSON (a row cut to its bound)', () => {
    const t = i18n.getFixedT('vi')
    expect(auditTarget(entry({ action: 'queue.skip', target: 'counter:1', targetName: '1', detail: '{"ticket":"A00…[cắt bớt]' }), t)).toBe('Quầy 1')
  })
})

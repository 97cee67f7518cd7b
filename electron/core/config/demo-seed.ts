import type { KioskSettings } from '../../../shared/schemas/centre'
import type { Db } from '../db/open'
import { assignOfficer, insertCounter, insertField, insertOfficer, putSetting } from './config-repo'

/** The kiosk's defaults: lobby mode, Vietnamese, a windowed display until IT turns kiosk lock-down on. */
export const defaultKioskSettings: KioskSettings = {
  mode: 'lobby',
  counterId: null,
  language: 'vi',
  idle: { citizenSeconds: 30, staffSeconds: 60 },
  display: { kiosk: false, fullscreen: false, boardOnSecondDisplay: false },
}

const fields = [
  { prefix: 'A', name: { vi: 'Đất đai', en: 'Land' } },
  { prefix: 'B', name: { vi: 'Tư pháp – Hộ tịch', en: 'Justice and civil status' } },
  { prefix: 'C', name: { vi: 'Đăng ký kinh doanh', en: 'Business registration' } },
  { prefix: 'D', name: { vi: 'Xây dựng', en: 'Construction' } },
] as const

const officer = (fullName: string, photo: string, senior = false) => ({
  fullName,
  title: senior ? { vi: 'Chuyên viên chính', en: 'Senior officer' } : { vi: 'Chuyên viên', en: 'Officer' },
  photo: `media/seed/${photo}`,
})

/** Counter number → the prefixes it serves and who sits there. */
const counters = [
  { number: 1, prefixes: ['A'], officer: officer('Nguyễn Thị Hương', 'officer-1.svg', true) },
  { number: 2, prefixes: ['A'], officer: officer('Trần Văn Đức', 'officer-2.svg') },
  { number: 3, prefixes: ['B'], officer: officer('Lê Thị Thu Hà', 'officer-3.svg') },
  { number: 4, prefixes: ['C'], officer: officer('Phạm Minh Tuấn', 'officer-4.svg') },
  { number: 5, prefixes: ['D'], officer: officer('Hoàng Thị Ngọc Ánh', 'officer-5.svg') },
  { number: 6, prefixes: ['B', 'C', 'D'], officer: officer('Võ Quốc Bảo', 'officer-6.svg', true) },
] as const

/**
 * A demo centre so a new kiosk shows something real on first start: 4 service fields, 6 counters, an officer at
 * each. IT replaces it from the admin screens. Runs inside the caller's transaction.
 */
export function seedDemoCentre(db: Db, at: number): void {
  putSetting(db, 'centre', {
    name: {
      vi: 'Trung tâm Phục vụ hành chính công (bản trình diễn)',
      en: 'Public Administrative Service Centre (demo)',
    },
    address: 'Số 1 đường Lê Lợi, phường Trung Tâm',
  })
  const fieldIdByPrefix = new Map<string, number>()
  fields.forEach((f, i) => fieldIdByPrefix.set(f.prefix, insertField(db, { ...f, sortOrder: i })))
  for (const c of counters) {
    const counterId = insertCounter(db, {
      number: c.number,
      name: { vi: `Quầy ${c.number}`, en: `Counter ${c.number}` },
      fieldIds: c.prefixes.map((p) => fieldIdByPrefix.get(p) ?? 0),
    })
    assignOfficer(db, insertOfficer(db, c.officer), counterId, at)
  }
}

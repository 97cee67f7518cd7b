import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { assignDevice, saveCentre } from '../../electron/collector/centres'
import { projectRating, PROJECTION_COLUMNS } from '../../electron/collector/projection'
import { monthOf, vietnamDay } from '../../electron/collector/store/partitions'
import { RatingRecordSchema } from '../../shared/schemas/rating'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

const ProjectedSchema = z.strictObject({
  uuid: z.string(),
  record: z.string(),
  centre_id: z.string().nullable(),
  created_at: z.number().int(),
  day: z.string(),
  counter_number: z.number().int(),
  officer_id: z.number().int(),
  officer_name: z.string(),
  field_prefix: z.string().nullable(),
  level: z.number().int(),
  level_key: z.string(),
  scale: z.number().int(),
  mode: z.string(),
  language: z.string(),
  reasons: z.string(),
  has_comment: z.number().int(),
  anonymous: z.number().int(),
  ticket_code: z.string().nullable(),
})

describe('the rating projection and centres at the collector', () => {
  it('each stored rating gets its columns and its device\'s centre of the moment, in the same transaction', async () => {
    const collector = await testCollector()
    const now = collector.clock.now()
    await saveCentre(collector.db, 'xa-tan-phu', 'Trung tâm Phục vụ hành chính công xã Tân Phú', now)
    await saveCentre(collector.db, 'xa-phu-my', 'Trung tâm Phục vụ hành chính công xã Phú Mỹ', now)
    const kiosk = testKiosk()
    const first = kiosk.rate(5)
    kiosk.connect({ url: collector.url, createEnrollmentToken: (label) => collector.createEnrollmentToken(label, undefined, 'xa-tan-phu') })
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    expect(await assignDevice(collector.db, kiosk.deviceId, 'xa-phu-my')).toBe(true)
    const later = kiosk.rate(2)
    expect(await kiosk.uploader.flush('manual')).toBe('done')

    const rows = (
      await collector.db.all(`SELECT uuid, record, centre_id, ${PROJECTION_COLUMNS.join(', ')} FROM ratings ORDER BY seq`)
    ).map((r) => ProjectedSchema.parse(r))
    expect(rows.map((r) => r.uuid)).toEqual([...first, ...later])
    expect(rows.map((r) => r.centre_id)).toEqual([...first.map(() => 'xa-tan-phu'), ...later.map(() => 'xa-phu-my')])
    for (const row of rows) {
      const record = RatingRecordSchema.parse(JSON.parse(row.record))
      expect(row).toMatchObject({
        created_at: record.createdAt,
        counter_number: record.counterNumber,
        officer_id: record.officerId,
        officer_name: record.officerName,
        field_prefix: record.fieldPrefix,
        level: record.level,
        level_key: record.levelKey,
        scale: record.scale,
        mode: 'lobby',
        language: 'vi',
        reasons: JSON.stringify(record.reasons),
        has_comment: record.comment === '' ? 0 : 1,
        anonymous: 0,
        ticket_code: record.ticketCode,
      })
      // The kiosks' test clock starts at 09:00 in Vietnam on 26 November 2026.
      expect(row.day).toBe('2026-11-26')
    }
    // rate.ts makes every fifth rating a negative one with reasons and a comment.
    expect(rows[4]).toMatchObject({ level_key: 'not_satisfied', reasons: '["slow"]', has_comment: 1 })
    expect(rows[0]).toMatchObject({ level_key: 'very_satisfied', reasons: '[]', has_comment: 0 })
  })

  it('a rating without a ticket is marked anonymous; its day is the day in Vietnam, not in UTC', () => {
    const record = {
      uuid: '0b7c1d5e-2a43-4f6b-9a1c-3d2e4f5a6b7c',
      seq: 1,
      deviceId: '5d1e7f2a-8b3c-4d4e-9f5a-6b7c8d9e0f1a',
      ticketCode: null,
      counterNumber: 3,
      officerId: 7,
      officerName: 'Nguyễn Thị Hoà',
      fieldPrefix: null,
      level: 1,
      levelKey: 'not_satisfied',
      levelLabel: 'Không hài lòng',
      scale: 3,
      reasons: ['impolite', 'slow'],
      comment: '  ',
      language: 'vi',
      mode: 'counter',
      // 17:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Vietnam.
      createdAt: Date.UTC(2026, 11, 31, 17, 30),
      link: 'a'.repeat(64),
    }
    const values = Object.fromEntries(PROJECTION_COLUMNS.map((c, i) => [c, projectRating(record)[i]]))
    expect(values).toEqual({
      created_at: record.createdAt,
      day: '2027-01-01',
      counter_number: 3,
      officer_id: 7,
      officer_name: 'Nguyễn Thị Hoà',
      field_prefix: null,
      level: 1,
      level_key: 'not_satisfied',
      scale: 3,
      mode: 'counter',
      language: 'vi',
      reasons: '["impolite","slow"]',
      has_comment: 0,
      anonymous: 1,
      ticket_code: null,
    })
    expect(vietnamDay(Date.UTC(2026, 11, 31, 16, 59, 59, 999))).toBe('2026-12-31')
    const month = monthOf(Date.UTC(2026, 11, 31, 17, 0))
    expect(month).toEqual({ year: 2027, month: 1, from: Date.UTC(2026, 11, 31, 17), to: Date.UTC(2027, 0, 31, 17) })
    expect(monthOf(month.from, -1)).toMatchObject({ year: 2026, month: 12, to: month.from })
  })
})

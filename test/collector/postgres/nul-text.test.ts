import { describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import { testCollector } from '../../upload/helpers/collector'
import { BatchAckSchema } from '../../../shared/schemas/upload'
import { simDevice } from '../web/sim-device'

/**
 * PostgreSQL refuses a NUL character in text; SQLite keeps it. A kiosk's rating may carry one (an officer name
 * pasted into the staff list): it was a 500 for every attempt, so the kiosk retried it for good.
 */
describe('PostgreSQL: a NUL in a rating\'s text', () => {
  it('is stored (the projection shows U+FFFD), and a re-send is still a duplicate: the record and its link are kept exactly', async () => {
    const collector = await testCollector()
    await saveCentre(collector.db, 'tan-phu', 'UBND xã Tân Phú', collector.clock.now())
    const kiosk = await simDevice(collector, collector.clock, 'tan-phu')
    const sent = await kiosk.send([{ officerName: 'Lê Văn\u0000Tâm', comment: 'Chờ\u0000lâu', level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' }])
    expect(sent.status).toBe(200)
    expect(BatchAckSchema.parse(sent.body).results.map((r) => r.status)).toEqual(['stored'])
    expect(await collector.db.value('SELECT officer_name FROM ratings')).toBe('Lê Văn\uFFFDTâm')
    expect(await collector.db.value('SELECT chain_ok FROM ratings')).toBe(1)
    // Long after (the batch's Idempotency-Key forgotten): compared by uuid and canonical form, not replayed.
    collector.clock.advance(40 * 86_400_000)
    const again = await kiosk.resend()
    expect(BatchAckSchema.parse(again.body).results.map((r) => r.status)).toEqual(['duplicate'])
    expect(await collector.db.value('SELECT count(*) FROM conflicts')).toBe(0)
    expect(await collector.db.value('SELECT count(*) FROM ratings')).toBe(1)
  })
})

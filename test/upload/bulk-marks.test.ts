import { describe, expect, it } from 'vitest'
import { recordingDb } from '../../bench/sql-recorder'
import { storedRatings } from '../../electron/collector/status'
import { createUploader } from '../../electron/core/upload/uploader'
import { connectedKiosk } from './helpers/connected'

describe('the uploader settles in bulk', () => {
  it('reads each batch with one query and marks it with one UPDATE, not one per rating', async () => {
    const { collector, kiosk, uuids } = await connectedKiosk(700) // a full batch of 500, then 200
    kiosk.uploader.close()
    const recording = recordingDb(kiosk.db)
    const uploader = createUploader({
      db: recording.db,
      clock: kiosk.clock,
      deviceId: kiosk.deviceId,
      deviceSecret: kiosk.secret,
      appVersion: '0.0.0-test',
      log: { error: () => {}, info: () => {} },
    })
    try {
      expect(await uploader.flush('manual')).toBe('done')
    } finally {
      uploader.close()
    }
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.uuid)).toEqual(uuids)
    expect(kiosk.uuidsInState('pending')).toEqual([])
    const runs = (pattern: RegExp) => recording.queries.filter((q) => pattern.test(q.sql)).length
    // Two batches, then the empty read that ends the round.
    expect(runs(/WHERE o.state = 'pending' AND o.kind = 'rating'\s+ORDER BY o.id\s+LIMIT \?/)).toBe(3)
    expect(runs(/UPDATE outbox SET state = 'sent'/)).toBe(2)
  })
})

import { describe, expect, it } from 'vitest'
import { deviceStatus, storedRatings } from '../../electron/collector/status'
import { testCollector } from '../upload/helpers/collector'
import { testKiosk } from '../upload/helpers/kiosk'

/**
 * verifiedSeq (PROTOCOL.md, "Batches"): ratings 1..verifiedSeq are all held and their links verify — so it is
 * always below firstBadSeq, although the chain walk itself goes on past a bad link to check what follows.
 */
describe('verifiedSeq', () => {
  it('stops below a bad link even though the ratings after it were checked', async () => {
    const collector = await testCollector()
    const kiosk = testKiosk()
    kiosk.rate(8)
    kiosk.db.prepare('UPDATE ratings SET created_at = created_at - 3600000 WHERE seq = 5').run()
    kiosk.connect(collector)
    expect(await kiosk.uploader.flush('manual')).toBe('done')
    const view = { verifiedSeq: 4, firstBadSeq: 5, reason: 'link', dead: 0, deadSeqs: [] }
    expect((await deviceStatus(collector.db, kiosk.deviceId))?.chain).toEqual(view)
    expect(kiosk.uploader.status().chain).toEqual(view)
    // The ratings after the bad one were checked (and are fine): only the claim of an intact prefix stops at 4.
    expect((await storedRatings(collector.db, kiosk.deviceId)).map((r) => r.chainOk)).toEqual([true, true, true, true, false, true, true, true])
  })
})

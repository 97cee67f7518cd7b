import { describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import { testCollector } from '../../upload/helpers/collector'
import { browser, user } from './dashboard-http'
import { simDevice } from './sim-device'

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

describe('officer links edited by hand', () => {
  it("a leader's hostile query strings: a 404 (never a 500), and another centre's officer stays hidden", async () => {
    const collector = await testCollector()
    const { db, clock } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
    await saveCentre(db, 'an-binh', 'UBND phường An Bình', T0)
    const hub = await simDevice(collector, clock, 'tan-phu', 'Máy chủ Tân Phú')
    const other = await simDevice(collector, clock, 'an-binh', 'Máy chủ An Bình')
    expect((await hub.send([{ createdAt: T0 - 86_400_000, officerName: 'Lê Văn Tâm', officerId: 5 }])).status).toBe(200)
    expect((await other.send([{ createdAt: T0 - 86_400_000, officerName: 'Phạm Thị Lan', officerId: 5 }])).status).toBe(200)
    await user(db, 'lanh-dao', 'leader', 'tan-phu', T0)
    const leader = browser(collector.url)
    expect(await leader.login('lanh-dao')).toBe(303)
    const status = async (query: string) => (await leader.get(`/dashboard/officer?centre=tan-phu&${query}`)).status
    const d = hub.deviceId
    expect(await status(`device=${d}&officer=5&from=%ZZ&to=2026-13-45`)).toBe(200)
    for (const query of [
      `device=${d}&officer=-5`,
      `device=${d}&officer=5.5`,
      `device=${d}&officer=99999999999999999999`,
      `device=${d}&officer=1e309`,
      `device=${d}&officer=%20`,
      `device=${d}&officer[]=5`,
      'device=%ZZ&officer=5',
      'device=%00&officer=5',
      "device='%20OR%201=1--&officer=5",
      `device=${'x'.repeat(5000)}&officer=5`,
      // Officer 5 of another centre's device, asked for under this centre.
      `device=${other.deviceId}&officer=5`,
    ]) {
      expect([query.slice(0, 60), await status(query)]).toEqual([query.slice(0, 60), 404])
    }
    const elsewhere = await leader.get(`/dashboard/officer?centre=an-binh&device=${other.deviceId}&officer=5`)
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.text).not.toContain('Phạm Thị Lan')
  })
})

import { describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import {
  anonymousFlags,
  anonymousRises,
  bunchedFlags,
  burstFlags,
  outsideHoursFlags,
  upheldFlags,
} from '../../../electron/collector/signals/signals'
import { testCollector } from '../../upload/helpers/collector'
import { simDevice, type RatingFields } from './sim-device'

/** Thursday 26 Nov 2026, 09:00 in Vietnam: the test collector's clock. */
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)
const MIN = 60_000
const DAY = 86_400_000
const ALL = { from: 0, to: T0 + DAY }
const everyone = { centreId: null }

async function setup() {
  const collector = await testCollector()
  await saveCentre(collector.db, 'tan-phu', 'UBND xã Tân Phú', T0)
  await saveCentre(collector.db, 'an-binh', 'UBND phường An Bình', T0)
  const device = (centre: string) => simDevice(collector, collector.clock, centre)
  return { collector, device }
}

const at = (createdAt: number, more: RatingFields = {}): RatingFields => ({ createdAt, ...more })

describe('fraud signals, from real uploads', () => {
  it('burst: four ratings at one counter inside a minute trips; four spread over 75 s does not', async () => {
    const { collector, device } = await setup()
    const fast = await device('tan-phu')
    const slow = await device('an-binh')
    expect((await fast.send([0, 15, 30, 45].map((s) => at(T0 - DAY + s * 1000, { counterNumber: 3 })))).status).toBe(200)
    expect((await slow.send([0, 25, 50, 75].map((s) => at(T0 - DAY + s * 1000, { counterNumber: 3 })))).status).toBe(200)
    const flags = await burstFlags(collector.db, ALL, everyone)
    expect(flags.map((f) => [f.deviceId, f.subject, f.value])).toEqual([[fast.deviceId, '3', 1]])
  })

  it("an officer's ratings bunched: eight in ten minutes trips, eight over twelve does not", async () => {
    const { collector, device } = await setup()
    const kiosk = await device('tan-phu')
    const bunched = Array.from({ length: 8 }, (_, i) => at(T0 - DAY + i * 70_000, { officerId: 7, officerName: 'Lê Văn Cường', counterNumber: 1 + (i % 2) }))
    const spread = Array.from({ length: 8 }, (_, i) => at(T0 - DAY + i * 100_000, { officerId: 8, officerName: 'Phạm Thị Dung', counterNumber: 4 }))
    await kiosk.send([...bunched, ...spread])
    const flags = await bunchedFlags(collector.db, ALL, everyone)
    expect(flags.map((f) => [f.subject, f.value])).toEqual([['Lê Văn Cường', 1]])
  })

  it('outside opening hours (Vietnam time): three on a Sunday or at night trips; two do not', async () => {
    const { collector, device } = await setup()
    const night = await device('tan-phu')
    const fewer = await device('an-binh')
    // T0 - 4 days is Sunday 22 Nov; 19:00 on a weekday is after 17:30; 06:30 is before 07:00.
    await night.send([at(T0 - 4 * DAY), at(T0 + 10 * 60 * MIN), at(T0 - DAY - 150 * MIN), at(T0 - 2 * DAY)])
    await fewer.send([at(T0 - 4 * DAY), at(T0 + 10 * 60 * MIN), at(T0 + 60 * MIN), at(T0 - 2 * DAY)])
    // Saturday: 11:00 is open, 14:00 is not.
    const saturday = T0 - 5 * DAY
    await night.send([at(saturday + 2 * 60 * MIN)])
    const flags = await outsideHoursFlags(collector.db, ALL, everyone)
    expect(flags.map((f) => [f.deviceId, f.value])).toEqual([[night.deviceId, 3]])
    expect(await outsideHoursFlags(collector.db, ALL, { centreId: 'an-binh' })).toEqual([])
  })

  it('anonymous ratings rising: 5 % to 40 % trips; 30 % to 40 % does not', async () => {
    const { collector, device } = await setup()
    const rising = await device('tan-phu')
    const steady = await device('an-binh')
    const batch = (count: number, anonymous: number, start: number, span: number) =>
      Array.from({ length: count }, (_, i) => at(start + Math.floor((i * span) / count), i < anonymous ? { ticketCode: null } : {}))
    await rising.send([...batch(40, 2, T0 - 30 * DAY, 20 * DAY), ...batch(20, 8, T0 - 6 * DAY, 5 * DAY)])
    await steady.send([...batch(40, 12, T0 - 30 * DAY, 20 * DAY), ...batch(20, 8, T0 - 6 * DAY, 5 * DAY)])
    const flags = await anonymousFlags(collector.db, T0 + DAY, everyone)
    expect(flags.map((f) => [f.centreId, f.value])).toEqual([['tan-phu', 40]])
    expect(anonymousRises({ recentTotal: 19, recentAnon: 19, baseTotal: 100, baseAnon: 0 })).toBe(false)
  })

  it('a high share of upheld disputes: 3 of 10 trips; 2 upheld and 1 rejected does not', async () => {
    const { collector, device } = await setup()
    const kiosk = await device('tan-phu')
    const mk = (officerId: number, name: string) => Array.from({ length: 10 }, (_, i) => at(T0 - DAY + i * 10 * MIN, { officerId, officerName: name, level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' }))
    const z = await kiosk.send(mk(11, 'Võ Thị Giang'))
    const w = await kiosk.send(mk(12, 'Đặng Văn Hải'))
    for (const uuid of z.uuids.slice(0, 3)) expect(await kiosk.dispute(uuid, ['open', 'upheld'])).toBe(200)
    for (const uuid of w.uuids.slice(0, 2)) await kiosk.dispute(uuid, ['open', 'upheld'])
    await kiosk.dispute(w.uuids[2] ?? '', ['open', 'rejected'])
    const flags = await upheldFlags(collector.db, ALL, everyone)
    expect(flags.map((f) => [f.subject, f.value])).toEqual([['Võ Thị Giang', 30]])
  })

  it('no flag ever changes a rating', async () => {
    const { collector, device } = await setup()
    const fast = await device('tan-phu')
    await fast.send([0, 1, 2, 3].map((s) => at(T0 - DAY + s * 1000)))
    const before = await collector.db.all('SELECT uuid, level, record FROM ratings ORDER BY uuid')
    expect(await burstFlags(collector.db, ALL, everyone)).toHaveLength(1)
    expect(await collector.db.all('SELECT uuid, level, record FROM ratings ORDER BY uuid')).toEqual(before)
  })
})

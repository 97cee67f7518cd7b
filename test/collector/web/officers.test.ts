import { describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import { allFlags } from '../../../electron/collector/signals/signals'
import { testCollector } from '../../upload/helpers/collector'
import { browser, user } from './dashboard-http'
import { simDevice, type RatingFields } from './sim-device'

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)
const DAY = 86_400_000
const HUONG = 'Nguyễn Thị Hương'
const notSatisfied: RatingFields = { level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng', reasons: ['slow'] }

/** The body rows of the table with this caption, each cell as plain text (tags dropped, entities kept). */
function tableRows(page: string, caption: string): string[][] {
  const start = page.indexOf(`<caption>${caption}</caption>`)
  if (start < 0) return []
  const body = page.slice(start, page.indexOf('</table>', start)).split('<tbody>')[1] ?? ''
  return body
    .split('<tr>')
    .slice(1)
    .map((row) => row.split('<td>').slice(1).map((cell) => cell.replace(/<[^>]*>/g, '').trim()))
}

describe('officers are told apart by identity, not by name', () => {
  it('two officers called Nguyễn Thị Hương at one centre: two rows, two pages, two report lines, no merged flag', async () => {
    const collector = await testCollector()
    const { db, clock } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
    await saveCentre(db, 'an-binh', 'UBND phường An Bình', T0)
    const hub = await simDevice(collector, clock, 'tan-phu', 'Máy chủ Tân Phú')
    const anBinh = await simDevice(collector, clock, 'an-binh', 'Kiosk An Bình')
    // Officer 5 at counter 1, all satisfied; officer 9 at counter 3, all not satisfied; interleaved a minute apart,
    // eight ratings in eight minutes between them (one officer's eight would be a bunch).
    const ratings: RatingFields[] = Array.from({ length: 8 }, (_, i) => ({
      createdAt: T0 - DAY + i * 60_000,
      officerName: HUONG,
      ...(i % 2 === 0 ? { officerId: 5, counterNumber: 1 } : { officerId: 9, counterNumber: 3, ...notSatisfied }),
    }))
    expect((await hub.send(ratings)).status).toBe(200)
    // A third Hương, in another centre, with the same officer id as the first on her own device.
    expect((await anBinh.send([{ createdAt: T0 - DAY, officerName: HUONG, officerId: 5, ...notSatisfied }])).status).toBe(200)

    await user(db, 'so-noi-vu', 'province', null, T0)
    const prov = browser(collector.url)
    expect(await prov.login('so-noi-vu')).toBe(303)
    const centre = (await prov.get('/dashboard/centre/tan-phu?from=2026-11-01&to=2026-11-30')).text
    expect(tableRows(centre, 'Theo cán bộ')).toEqual([
      [`${HUONG} (Máy chủ Tân Phú, mã 5)`, '4', '4', '100,0 %'],
      [`${HUONG} (Máy chủ Tân Phú, mã 9)`, '4', '0', '0,0 %'],
    ])
    const links = [...centre.matchAll(/href="(\/dashboard\/officer\?[^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
    expect(links).toEqual([
      `/dashboard/officer?centre=tan-phu&device=${hub.deviceId}&officer=5`,
      `/dashboard/officer?centre=tan-phu&device=${hub.deviceId}&officer=9`,
    ])
    const levels = async (link: string) => tableRows((await prov.get(`${link}&from=2026-11-01&to=2026-11-30`)).text, 'Phân bố mức đánh giá')
    expect(await levels(links[0] ?? '')).toEqual([['3/3', '4']])
    expect(await levels(links[1] ?? '')).toEqual([['1/3', '4']])
    // An officer id that gave no rating at this centre is not a page (nor one from another centre's device).
    expect((await prov.get(`/dashboard/officer?centre=tan-phu&device=${anBinh.deviceId}&officer=5`)).status).toBe(404)
    expect((await prov.get('/dashboard/officer?centre=tan-phu&name=Nguy%E1%BB%85n')).status).toBe(404)

    const csv = (await prov.get('/dashboard/export?centre=tan-phu&month=2026-11&format=csv')).text
    expect(csv).toContain(`Cán bộ,"${HUONG} (Máy chủ Tân Phú, mã 5)",4,4,100\r\n`)
    expect(csv).toContain(`Cán bộ,"${HUONG} (Máy chủ Tân Phú, mã 9)",4,0,0\r\n`)

    const flags = await allFlags(db, { from: T0 - 2 * DAY, to: T0 }, { centreId: null })
    expect(flags.filter((f) => f.kind === 'officer-bunched')).toEqual([])
  })

  it('an officer whose name was corrected on the kiosk: one row, under the name of the latest rating', async () => {
    const collector = await testCollector()
    const { db, clock } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
    const hub = await simDevice(collector, clock, 'tan-phu', 'Máy chủ Tân Phú')
    // Typed "Hường" when the staff list was made, corrected to "Hương" a day later; the typo sorts after the name.
    const TYPO = 'Nguyễn Thị Hường'
    expect((await hub.send([
      { createdAt: T0 - 3 * DAY, officerName: TYPO, officerId: 5, counterNumber: 1 },
      { createdAt: T0 - 2 * DAY, officerName: HUONG, officerId: 5, counterNumber: 1 },
      { createdAt: T0 - DAY, officerName: HUONG, officerId: 5, counterNumber: 1, ...notSatisfied },
    ])).status).toBe(200)
    await user(db, 'so-noi-vu', 'province', null, T0)
    const prov = browser(collector.url)
    expect(await prov.login('so-noi-vu')).toBe(303)
    const centre = (await prov.get('/dashboard/centre/tan-phu?from=2026-11-01&to=2026-11-30')).text
    expect(tableRows(centre, 'Theo cán bộ')).toEqual([[HUONG, '3', '2', '66,7 %']])
    const officer = (await prov.get(`/dashboard/officer?centre=tan-phu&device=${hub.deviceId}&officer=5&from=2026-11-01&to=2026-11-30`)).text
    expect(officer).toContain(HUONG)
    expect(officer).not.toContain(TYPO)
    const csv = (await prov.get('/dashboard/export?centre=tan-phu&month=2026-11&format=csv')).text
    expect(csv).toContain(`Cán bộ,${HUONG},3,2,`)
    expect(csv).not.toContain(TYPO)
  })

  it('officer 5 on two kiosks of one centre that share a label: two rows the leader can tell apart', async () => {
    const collector = await testCollector()
    const { db, clock } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
    // Two kiosks set up from one image, no hub: the same label, each with its own staff list.
    const left = await simDevice(collector, clock, 'tan-phu', 'Kiosk')
    const right = await simDevice(collector, clock, 'tan-phu', 'Kiosk')
    expect((await left.send([{ createdAt: T0 - DAY, officerName: HUONG, officerId: 5 }])).status).toBe(200)
    expect((await right.send([{ createdAt: T0 - DAY, officerName: HUONG, officerId: 5, ...notSatisfied }])).status).toBe(200)
    await user(db, 'so-noi-vu', 'province', null, T0)
    const prov = browser(collector.url)
    expect(await prov.login('so-noi-vu')).toBe(303)
    const rows = tableRows((await prov.get('/dashboard/centre/tan-phu?from=2026-11-01&to=2026-11-30')).text, 'Theo cán bộ')
    expect(rows).toHaveLength(2)
    const labels = rows.map((r) => r[0] ?? '')
    expect(new Set(labels).size).toBe(2)
    // Each says which kiosk by the id the devices page shows under the label.
    expect(labels.some((l) => l.includes(left.deviceId))).toBe(true)
    expect(labels.some((l) => l.includes(right.deviceId))).toBe(true)
  })
})

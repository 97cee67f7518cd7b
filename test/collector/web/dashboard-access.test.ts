import { describe, expect, it } from 'vitest'
import { saveCentre } from '../../../electron/collector/centres'
import { testCollector } from '../../upload/helpers/collector'
import { browser, user } from './dashboard-http'
import { simDevice } from './sim-device'

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)
const DAY = 86_400_000

/** Two centres with real uploads: Tân Phú (a negative rating with a comment, a dispute) and An Bình. */
async function province() {
  const collector = await testCollector()
  const { db, clock } = collector
  await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
  await saveCentre(db, 'an-binh', 'UBND phường An Bình', T0)
  const tanPhu = await simDevice(collector, clock, 'tan-phu', 'Kiosk Tân Phú')
  const anBinh = await simDevice(collector, clock, 'an-binh', 'Kiosk An Bình')
  const sent = await tanPhu.send([
    { createdAt: T0 - DAY, officerName: 'Nguyễn Văn An' },
    { createdAt: T0 - DAY + 600_000, officerName: 'Nguyễn Văn An', level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng', reasons: ['slow'], comment: 'Chờ lâu quá' },
  ])
  await tanPhu.dispute(sent.uuids[1] ?? '', ['open', 'rejected'], 'Công dân nhầm quầy')
  await anBinh.send([{ createdAt: T0 - DAY, officerName: 'Bùi Thị Lan', comment: 'Cán bộ An Bình rất nhiệt tình' }])
  await user(db, 'so-noi-vu', 'province', null, T0)
  await user(db, 'lanh-dao-tp', 'leader', 'tan-phu', T0)
  await user(db, 'kiem-tra', 'auditor', null, T0)
  return { collector, tanPhu, anBinh }
}

describe('dashboard access, enforced by the server', () => {
  it('a centre leader sees only their centre on every page, and is refused the other by URL', async () => {
    const { collector, anBinh } = await province()
    const leader = browser(collector.url)
    expect(await leader.login('lanh-dao-tp')).toBe(303)
    for (const path of ['/dashboard/', '/dashboard/devices', '/dashboard/disputes', '/dashboard/alerts', '/dashboard/flags']) {
      const page = await leader.get(path)
      expect(page.status, path).toBe(200)
      expect(page.text, path).not.toContain('An Bình')
      expect(page.text, path).not.toContain(anBinh.deviceId)
    }
    expect((await leader.get('/dashboard/')).text).toContain('UBND xã Tân Phú')
    expect((await leader.get('/dashboard/centre/tan-phu')).text).toContain('Chờ lâu quá')
    expect((await leader.get('/dashboard/centre/an-binh')).status).toBe(403)
    expect((await leader.get('/dashboard/officer?centre=an-binh&name=B%C3%B9i%20Th%E1%BB%8B%20Lan')).status).toBe(403)
    expect((await leader.get('/dashboard/export?centre=an-binh&month=2026-11&format=csv')).status).toBe(403)
    expect((await leader.get('/dashboard/users')).status).toBe(403)
    const csv = await leader.get('/dashboard/export?centre=tan-phu&month=2026-11&format=csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.text).toContain('Quầy 1,2,1,50')
  })

  it('the province sees every centre; the auditor sees every centre and changes nothing', async () => {
    const { collector } = await province()
    const prov = browser(collector.url)
    await prov.login('so-noi-vu')
    const overview = (await prov.get('/dashboard/')).text
    expect(overview).toContain('UBND xã Tân Phú')
    expect(overview).toContain('UBND phường An Bình')
    expect((await prov.get('/dashboard/disputes')).text).toContain('Công dân nhầm quầy')

    const auditor = browser(collector.url)
    await auditor.login('kiem-tra')
    expect((await auditor.get('/dashboard/centre/an-binh')).status).toBe(200)
    expect((await auditor.get('/dashboard/alerts')).text).not.toContain('name="secret"')
    const add = await auditor.post('/dashboard/users', { _csrf: auditor.csrf, username: 'ke-gian', password: 'x'.repeat(20), role: 'province', centreId: '', displayName: 'X' })
    expect(add.status).toBe(403)
    const hook = await auditor.post('/dashboard/alerts/settings', { _csrf: auditor.csrf, url: 'http://127.0.0.1:9/x', secret: 's'.repeat(20), silentAfterMinutes: '60' })
    expect(hook.status).toBe(403)
    expect(await collector.db.all("SELECT username FROM dashboard_users WHERE username = 'ke-gian'")).toEqual([])
  })

  it('every POST needs the session CSRF token and a same-origin Origin', async () => {
    const { collector } = await province()
    const prov = browser(collector.url)
    await prov.login('so-noi-vu')
    await prov.get('/dashboard/users')
    const fields = { username: 'lanh-dao-ab', password: 'mot-mat-khau-dai', role: 'leader', centreId: 'an-binh', displayName: 'Lãnh đạo An Bình' }
    expect((await prov.post('/dashboard/users', fields)).status).toBe(403)
    expect((await prov.post('/dashboard/users', { ...fields, _csrf: 'x'.repeat(32) })).status).toBe(403)
    expect((await prov.post('/dashboard/users', { ...fields, _csrf: prov.csrf }, { origin: 'https://evil.example' })).status).toBe(403)
    expect(await collector.db.all("SELECT username FROM dashboard_users WHERE username = 'lanh-dao-ab'")).toEqual([])
    expect((await prov.post('/dashboard/users', { ...fields, _csrf: prov.csrf })).status).toBe(303)
    expect(await collector.db.all("SELECT role, centre_id FROM dashboard_users WHERE username = 'lanh-dao-ab'")).toEqual([{ role: 'leader', centre_id: 'an-binh' }])
  })

  it('login: one answer for unknown and wrong; the account locks after 5 failures; the session expires when idle', async () => {
    const { collector } = await province()
    const b = browser(collector.url)
    expect(await b.login('khong-co-ai')).toBe(401)
    for (let i = 0; i < 5; i++) expect(await b.login('lanh-dao-tp', 'sai-mat-khau-roi')).toBe(401)
    expect(await b.login('lanh-dao-tp')).toBe(429)
    collector.clock.advance(31_000)
    expect(await b.login('lanh-dao-tp')).toBe(303)
    const page = await b.get('/dashboard/')
    expect(page.status).toBe(200)
    collector.clock.advance(31 * 60_000)
    const expired = await b.get('/dashboard/')
    expect([expired.status, expired.headers.get('location')]).toEqual([303, '/dashboard/login'])
  })

  it('ten attempts a minute from one address, whatever the names', async () => {
    const { collector } = await province()
    const b = browser(collector.url)
    // Wrong passwords spread over three accounts, so no account's own lock is what stops the eleventh.
    const names = ['kiem-tra', 'so-noi-vu', 'lanh-dao-tp']
    for (let i = 0; i < 10; i++) expect(await b.login(names[i % 3] ?? '', 'sai-mat-khau-roi')).toBe(401)
    expect(await b.login('so-noi-vu')).toBe(429)
    collector.clock.advance(61_000)
    expect(await b.login('so-noi-vu')).toBe(303)
  })

  it('cookies are HttpOnly and SameSite=Strict; pages carry a strict CSP and no inline script', async () => {
    const { collector } = await province()
    const login = await fetch(new URL('/dashboard/login', collector.url))
    expect(login.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Strict/)
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await login.text()
    expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>/g)).toBeNull()
    const script = await fetch(new URL('/dashboard/assets/dashboard.js', collector.url))
    expect(script.headers.get('content-type')).toContain('text/javascript')
    const text = await script.text()
    expect(text).toContain('Chart.js v4')
    expect(text).toContain('canvas[data-chart]')
    expect(text).toContain('(document, window.Chart)')
    // The upload API is untouched: its status endpoint still wants its bearer token.
    expect((await fetch(new URL('/v1/status', collector.url))).status).toBe(404)
  })
})

import { describe, expect, it } from 'vitest'
import { assignDevice, saveCentre } from '../../../electron/collector/centres'
import { userCommand } from '../../../electron/collector/web/user-cli'
import { testCollector } from '../../upload/helpers/collector'
import { addUser, LOCK_AFTER, lockMs } from '../../../electron/collector/web/accounts'
import { browser, CHEAP, user } from './dashboard-http'
import { simDevice } from './sim-device'

/**
 * Probes by a hostile user and by the province's IT: malformed URLs, unknown centres and text that a kiosk uploaded
 * must all get a clear answer from the dashboard, never an internal error, a dropped connection or live markup.
 */
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)
const DAY = 86_400_000

async function province() {
  const collector = await testCollector()
  const { db } = collector
  await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', T0)
  await user(db, 'so-noi-vu', 'province', null, T0)
  await user(db, 'lanh-dao-tp', 'leader', 'tan-phu', T0)
  const prov = browser(collector.url)
  expect(await prov.login('so-noi-vu')).toBe(303)
  return { collector, prov }
}

describe('dashboard probes: hostile input gets a clear answer', () => {
  it('a centre path with broken percent-encoding is a 404 page, not an internal error', async () => {
    const { prov } = await province()
    for (const path of ['/dashboard/centre/%E0%A4%A', '/dashboard/centre/%', '/dashboard/centre/tan-phu%ZZ']) {
      const page = await prov.get(path)
      expect(page.status, path).toBe(404)
      expect(page.headers.get('content-type'), path).toContain('text/html')
    }
  })

  it('an export for a centre that does not exist is a 404, whatever characters its id has', async () => {
    const { prov } = await province()
    for (const centre of ['khong-co', 'Nguy%E1%BB%85n', '%22%3E%3Cb%3E', 'a%0D%0ASet-Cookie:%20x=1']) {
      const res = await prov.get(`/dashboard/export?centre=${centre}&month=2026-11&format=csv`)
      expect(res.status, centre).toBe(404)
      expect(res.headers.get('content-disposition'), centre).toBeNull()
    }
    const real = await prov.get('/dashboard/export?centre=tan-phu&month=2026-11&format=csv')
    expect([real.status, real.headers.get('content-disposition')]).toEqual([200, 'attachment; filename="bao-cao-hai-long-tan-phu-2026-11.csv"'])
  })

  it('bad, reversed and far-off dates fall back to the default period', async () => {
    const { prov } = await province()
    for (const q of ['from=2026-13-45&to=abc', 'from=2026-11-30&to=2026-11-01', 'from=0001-01-01&to=9999-12-31', `from=${'9'.repeat(2000)}`]) {
      const page = await prov.get(`/dashboard/flags?${q}`)
      expect(page.status, q).toBe(200)
      expect(page.text, q).toMatch(/name="from" value="\d{4}-\d{2}-\d{2}"/)
    }
  })

  it('a leader account for a centre that does not exist is refused, on the admin page', async () => {
    const { collector, prov } = await province()
    await prov.get('/dashboard/users')
    const fields = { _csrf: prov.csrf, username: 'lanh-dao-xx', password: 'mot-mat-khau-dai', role: 'leader', displayName: 'Lãnh đạo' }
    const res = await prov.post('/dashboard/users', { ...fields, centreId: 'tan-phu-typo' })
    expect(res.status).toBe(400)
    expect(res.text).toContain('tan-phu-typo')
    expect(await collector.db.all("SELECT username FROM dashboard_users WHERE username = 'lanh-dao-xx'")).toEqual([])
    expect((await prov.post('/dashboard/users', { ...fields, centreId: 'tan-phu' })).status).toBe(303)
    // The CLI says the same in words IT can act on, not a foreign-key error.
    const add = userCommand(collector.db, 'add', { username: 'lanh-dao-yy', role: 'leader', centre: 'tan-phu-typo', name: 'Lãnh đạo' }, () => Promise.resolve('mot-mat-khau-dai'), T0)
    await expect(add).rejects.toThrow('--centre: no centre tan-phu-typo: add it first')
  })

  it("markup in an uploaded officer name or comment is shown as text on every page that shows it", async () => {
    const { collector, prov } = await province()
    const kiosk = await simDevice(collector, collector.clock, 'tan-phu', '<img src=x onerror=alert(3)>')
    const evilName = '"><img src=x onerror=alert(1)>'
    const evilComment = '</td><script>alert(2)</script>'
    const ratings = Array.from({ length: 8 }, (_, i) => ({
      createdAt: T0 - DAY + i * 10_000,
      officerName: evilName,
      level: 1,
      levelKey: 'not_satisfied',
      levelLabel: 'Không hài lòng',
      comment: evilComment,
    }))
    const sent = await kiosk.send(ratings)
    expect(sent.status).toBe(200)
    await kiosk.dispute(sent.uuids[0] ?? '', ['open', 'upheld'], '<b onmouseover=alert(4)>ghi chú</b>')
    const officer = `/dashboard/officer?centre=tan-phu&device=${kiosk.deviceId}&officer=1`
    for (const path of ['/dashboard/centre/tan-phu', officer, '/dashboard/flags', '/dashboard/disputes', '/dashboard/devices']) {
      const page = await prov.get(path)
      expect(page.status, path).toBe(200)
      expect(page.text, path).not.toMatch(/<img|<script>alert|<b onmouseover/)
      expect(page.text, path).toMatch(/&lt;(img|script|b) /)
    }
    // The officer's name in the chart's JSON island cannot close the island either.
    expect((await prov.get(officer)).text).toContain('\\u003cimg src=x onerror=alert(1)>')
  })

  it("a device moved to another centre takes none of its old centre's disputes with it", async () => {
    const { collector } = await province()
    await saveCentre(collector.db, 'an-binh', 'UBND phường An Bình', T0)
    await user(collector.db, 'lanh-dao-ab', 'leader', 'an-binh', T0)
    const kiosk = await simDevice(collector, collector.clock, 'an-binh', 'Kiosk An Bình')
    const sent = await kiosk.send([{ createdAt: T0 - DAY, officerName: 'Bùi Thị Lan', level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' }])
    expect(await kiosk.dispute(sent.uuids[0] ?? '', ['open', 'upheld'], 'Công dân An Bình bấm nhầm')).toBe(200)
    // IT moves the kiosk to Tân Phú (a merger of wards); the rating and its dispute stay An Bình's.
    expect(await assignDevice(collector.db, kiosk.deviceId, 'tan-phu')).toBe(true)
    const tanPhu = browser(collector.url)
    expect(await tanPhu.login('lanh-dao-tp')).toBe(303)
    const seen = (await tanPhu.get('/dashboard/disputes')).text
    expect(seen).not.toContain('Công dân An Bình bấm nhầm')
    expect(seen).not.toContain('Bùi Thị Lan')
    const anBinh = browser(collector.url)
    expect(await anBinh.login('lanh-dao-ab')).toBe(303)
    expect((await anBinh.get('/dashboard/disputes')).text).toContain('Công dân An Bình bấm nhầm')
  })

  it('wrong passwords sent all at once are each counted: the account locks as if they came one by one', async () => {
    const { collector } = await province()
    const tries = Array.from({ length: 8 }, () => browser(collector.url))
    const tokens = await Promise.all(tries.map(async (b) => /name="_login" value="([^"]+)"/.exec((await b.get('/dashboard/login')).text)?.[1] ?? ''))
    const answers = await Promise.all(tries.map((b, i) => b.post('/dashboard/login', { _login: tokens[i] ?? '', username: 'lanh-dao-tp', password: 'sai-mat-khau-roi' })))
    // Each try is checked against the lock before its (slow) hash, so one that starts after the 5th failure is
    // written meets the lock (429) and is not counted; every other one must be, however they interleave.
    const statuses = answers.map((a) => a.status)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    const counted = statuses.filter((s) => s === 401).length
    expect(counted).toBeGreaterThanOrEqual(LOCK_AFTER)
    expect(await collector.db.value("SELECT failed_count FROM dashboard_users WHERE username = 'lanh-dao-tp'")).toBe(counted)
    // Locked from the 5th failure on: even the right password waits the whole lock (30 s, doubled per failure after).
    const late = browser(collector.url)
    expect(await late.login('lanh-dao-tp')).toBe(429)
    collector.clock.advance(lockMs(counted) - 1)
    expect(await late.login('lanh-dao-tp')).toBe(429)
  })

  it('the same account added twice at once (two tabs, two processes): one is added, the other told it exists', async () => {
    const { collector } = await province()
    const account = { username: 'kiem-tra-2', password: 'mot-mat-khau-dai', role: 'auditor' as const, centreId: null, displayName: 'Kiểm tra' }
    const results = await Promise.all([addUser(collector.db, account, T0, CHEAP), addUser(collector.db, account, T0, CHEAP)])
    expect(results.sort()).toEqual(['added', 'exists'])
    expect(await collector.db.value("SELECT count(*) FROM dashboard_users WHERE username = 'kiem-tra-2'")).toBe(1)
  })

  it("another session's CSRF token is refused; a session in use still ends 12 hours after login", async () => {
    const { collector, prov } = await province()
    const other = browser(collector.url)
    expect(await other.login('so-noi-vu')).toBe(303)
    await prov.get('/dashboard/users')
    expect(other.csrf).not.toBe(prov.csrf)
    const fields = { username: 'kiem-tra-3', password: 'mot-mat-khau-dai', role: 'auditor', centreId: '', displayName: 'Kiểm tra' }
    expect((await prov.post('/dashboard/users', { ...fields, _csrf: other.csrf })).status).toBe(403)
    expect(await collector.db.all("SELECT username FROM dashboard_users WHERE username = 'kiem-tra-3'")).toEqual([])
    // A request every 20 minutes keeps it from idling out, but not past 12 hours.
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      collector.clock.advance(20 * 60_000)
      expect((await prov.get('/dashboard/devices')).status, `${minutes} min`).toBe(200)
    }
    collector.clock.advance(20 * 60_000)
    const ended = await prov.get('/dashboard/devices')
    expect([ended.status, ended.headers.get('location')]).toEqual([303, '/dashboard/login'])
  })

  it('a POST that is not a url-encoded form is refused, even with the right token', async () => {
    const { collector, prov } = await province()
    await prov.get('/dashboard/users')
    const body = new URLSearchParams({ _csrf: prov.csrf, username: 'kiem-tra-4', password: 'mot-mat-khau-dai', role: 'auditor', centreId: '', displayName: 'X' })
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x']) {
      const res = await fetch(new URL('/dashboard/users', collector.url), { method: 'POST', headers: { cookie: prov.cookie, 'content-type': type }, body: body.toString(), redirect: 'manual' })
      expect(res.status, type).toBe(415)
    }
    expect(await collector.db.all("SELECT username FROM dashboard_users WHERE username = 'kiem-tra-4'")).toEqual([])
  })
})

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { deliverDue } from '../../../electron/collector/alerts/deliver'
import { listAlerts, readAlertSettings, writeAlertSettings } from '../../../electron/collector/alerts/outbox'
import { webhookUrlProblem } from '../../../electron/collector/alerts/webhook-url'
import { saveCentre } from '../../../electron/collector/centres'
import { testCollector } from '../../upload/helpers/collector'
import { browser, user } from './dashboard-http'
import { simDevice } from './sim-device'

const SECRET = 'bi-mat-cua-so-noi-vu-2026'

/** A collector with alert settings saved, and the province's account on its Cảnh báo page (CSRF token read). */
async function provinceOnAlerts() {
  const collector = await testCollector()
  const { clock, db } = collector
  await writeAlertSettings(db, { url: 'https://canhbao.sonoivu.gov.vn/hook', secret: SECRET, silentAfterMinutes: 60 }, clock.now())
  await user(db, 'so-noi-vu', 'province', null, clock.now())
  const province = browser(collector.url)
  expect(await province.login('so-noi-vu')).toBe(303)
  await province.get('/dashboard/alerts')
  return { db, province }
}
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** A receiver on 127.0.0.1 that counts what reaches it. */
async function receiver() {
  const got: string[] = []
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      got.push(req.url ?? '')
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { port: (server.address() as AddressInfo).port, got }
}

describe('webhook URL policy', () => {
  it.each([
    ['https://canhbao.sonoivu.gov.vn/hook', null],
    ['https://203.0.113.7:8443/hook?kenh=1', null],
    ['http://127.0.0.1:8080/hook', null],
    ['http://localhost:8080/hook', null],
    ['http://10.20.0.5/hook', null],
    ['http://172.20.1.1/hook', null],
    ['http://192.168.1.10/hook', null],
    ['http://[::1]:9000/hook', null],
    ['http://[fd12:3456::1]/hook', null],
    // Plain http across the internet, by name or by a public address.
    ['http://canhbao.sonoivu.gov.vn/hook', 'plainHttpPublic'],
    ['http://203.0.113.7/hook', 'plainHttpPublic'],
    ['http://172.32.0.1/hook', 'plainHttpPublic'],
    // A name that looks private is still a name: what it resolves to is not the province's to decide.
    ['http://192.168.1.10.nip.io/hook', 'plainHttpPublic'],
    ['https://user:mat-khau@canhbao.sonoivu.gov.vn/hook', 'credentials'],
    ['https://token@canhbao.sonoivu.gov.vn/hook', 'credentials'],
    ['https://canhbao.sonoivu.gov.vn/hook#x', 'fragment'],
    ['http://169.254.169.254/latest/meta-data', 'oddTarget'],
    ['https://169.254.169.254/latest/meta-data', 'oddTarget'],
    ['http://0.0.0.0:8080/hook', 'oddTarget'],
    ['http://[fe80::1]/hook', 'oddTarget'],
    ['https://239.1.2.3/hook', 'oddTarget'],
    // Other spellings of an address are normalised before the check.
    ['http://0xa9.0xfe.0xa9.0xfe/', 'oddTarget'],
    ['http://[::ffff:169.254.169.254]/', 'oddTarget'],
    ['http://2130706433:8080/hook', null],
    ['ftp://canhbao.sonoivu.gov.vn/hook', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['canhbao.sonoivu.gov.vn/hook', 'notUrl'],
    [`https://canhbao.sonoivu.gov.vn/${'a'.repeat(480)}`, 'tooLong'],
  ] as const)('%s → %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem)
  })

  // The parser drops a tab or newline and encodes a NUL, so the URL contacted would not be the one shown; and
  // PostgreSQL refuses a NUL in text (a 500 on save). Names in JSON: the characters themselves would not print.
  it.each([
    'https://canhbao.sonoivu.gov.vn/a\u0000b',
    '\u0000https://canhbao.sonoivu.gov.vn/hook',
    'https://canhbao.sonoivu.gov.vn/ho\tok',
    'http://127.0.0.1\n:8080/hook',
    'https://canhbao.sonoivu.gov.vn/a b',
    'https://canhbao.sonoivu.gov.vn/a\u007fb',
    'https://canhbao.sonoivu.gov.vn/a\u0085b',
  ])('%j → notUrl', (url) => {
    expect(webhookUrlProblem(url)).toBe('notUrl')
  })

  it('the admin page refuses a plain-http internet URL with a Vietnamese reason and keeps the saved one', async () => {
    const { db, province } = await provinceOnAlerts()
    const save = (url: string, minutes = '60') =>
      province.post('/dashboard/alerts/settings', { _csrf: province.csrf, url, secret: '', silentAfterMinutes: minutes })
    const refused = await save('http://canhbao.sonoivu.gov.vn/hook')
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('Không được gửi cảnh báo qua http:// không mã hoá ra Internet')
    expect(refused.text).toContain('value="http://canhbao.sonoivu.gov.vn/hook"')
    const withCredentials = await save('https://so:mat-khau@canhbao.sonoivu.gov.vn/hook')
    expect(withCredentials.status).toBe(400)
    expect(withCredentials.text).toContain('Không ghi tên đăng nhập hay mật khẩu trong URL')
    expect((await readAlertSettings(db)).url).toBe('https://canhbao.sonoivu.gov.vn/hook')

    const allowed = await save('http://192.168.10.5:8080/hook', '90')
    expect(allowed.status).toBe(303)
    expect(await readAlertSettings(db)).toEqual({ url: 'http://192.168.10.5:8080/hook', secret: SECRET, silentAfterMinutes: 90 })
  })

  it('a NUL or other control character in the URL or the secret: refused with words on both stores, the saved settings kept', async () => {
    const { db, province } = await provinceOnAlerts()
    const save = (url: string, secret: string) =>
      province.post('/dashboard/alerts/settings', { _csrf: province.csrf, url, secret, silentAfterMinutes: '60' })
    const badUrl = await save('https://canhbao.sonoivu.gov.vn/a\u0000b', '')
    expect(badUrl.status).toBe(400)
    expect(badUrl.text).toContain('URL nhận cảnh báo không hợp lệ.')
    expect((await save('https://canhbao.sonoivu.gov.vn/hook2', 'bi-mat-cua-so-\u0000noi-vu')).status).toBe(400)
    expect((await save('https://canhbao.sonoivu.gov.vn/hook2', 'bi-mat-cua-so-\nnoi-vu')).status).toBe(400)
    expect(await readAlertSettings(db)).toEqual({ url: 'https://canhbao.sonoivu.gov.vn/hook', secret: SECRET, silentAfterMinutes: 60 })
  })

  it('a URL saved before the policy is not used: alerts wait, the page says why, a new URL sends them', async () => {
    const collector = await testCollector()
    const { clock, db } = collector
    await saveCentre(db, 'tan-phu', 'UBND xã Tân Phú', clock.now())
    const kiosk = await simDevice(collector, clock, 'tan-phu')
    expect((await kiosk.send([{ level: 1, levelKey: 'not_satisfied', levelLabel: 'Không hài lòng' }])).status).toBe(200)
    const hook = await receiver()
    // 0.0.0.0 reaches this machine's 127.0.0.1 on Linux, so the old URL would deliver if it were used.
    await writeAlertSettings(db, { url: `http://0.0.0.0:${hook.port}/cu`, secret: SECRET, silentAfterMinutes: 60 }, clock.now())
    expect(await deliverDue(db, clock, 2000)).toEqual({ delivered: 0, failed: 0, refused: 'oddTarget' })
    expect(hook.got).toEqual([])
    expect((await listAlerts(db, null)).map((a) => [a.state, a.attempts])).toEqual([['pending', 0]])

    await user(db, 'so-noi-vu', 'province', null, clock.now())
    const province = browser(collector.url)
    expect(await province.login('so-noi-vu')).toBe(303)
    expect((await province.get('/dashboard/alerts')).text).toContain('Địa chỉ nhận cảnh báo đang lưu không đạt quy định')

    await writeAlertSettings(db, { url: `http://127.0.0.1:${hook.port}/moi`, secret: SECRET, silentAfterMinutes: 60 }, clock.now())
    expect(await deliverDue(db, clock, 2000)).toEqual({ delivered: 1, failed: 0 })
    expect(hook.got).toEqual(['/moi'])
  })
})

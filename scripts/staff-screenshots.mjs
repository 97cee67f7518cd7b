/* global window, document -- the callbacks passed to page.evaluate run in the browser */
// Screenshots of the staff and admin screens (1280×800) for a person to look at:
// `npm run build && node scripts/staff-screenshots.mjs [outDir]` (default out/screenshots/staff). Debian's Chromium.
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { chromium } from 'playwright-core'

const outDir = path.resolve(process.argv[2] ?? 'out/screenshots/staff')
fs.mkdirSync(outDir, { recursive: true })
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-shots-'))
const host = spawn(process.execPath, ['out/main/web-host.js', '--port', '0', '--data-dir', dataDir], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const { url } = JSON.parse(await new Promise((resolve) => createInterface({ input: host.stdout }).once('line', resolve)))

/** A served ticket at counter `counter`, completed `agoMs` ago, straight into the database. */
function servedTicket(counter, agoMs) {
  const db = new Database(path.join(dataDir, 'kiosk.db'))
  const n = db.prepare('SELECT count(*) + 1 FROM tickets').pluck().get()
  const uid = crypto.randomUUID()
  const at = Date.now() - agoMs
  db.prepare(
    `INSERT INTO tickets (uid, source, service_day, field_id, number, code, status, counter_id, officer_id, issued_at,
                          called_at, completed_at)
     VALUES (?, 'builtin', date('now'), 1, ?, ?, 'completed', ?, ?, ?, ?, ?)`,
  ).run(uid, n, `A${String(n).padStart(4, '0')}`, counter, counter, at - 600_000, at - 300_000, at)
  db.close()
  return uid
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
})
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  })
  const shot = async (name) => {
    // The area scrolls inside a 100vh screen: grow the window to its content so one picture shows it all.
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.waitForTimeout(500) // pages load their data just after they appear
    const extra = await page.evaluate(() => {
      const area = document.querySelector('.area')
      return area ? area.scrollHeight - area.clientHeight : 0
    })
    await page.setViewportSize({ width: 1280, height: 800 + Math.max(0, extra) })
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.join(outDir, `${name}.png`) })
    await page.setViewportSize({ width: 1280, height: 800 })
  }
  const pin = async (digits) => {
    for (const d of digits) await page.getByRole('button', { name: d, exact: true }).tap()
  }
  await page.goto(url)
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByLabel('Tên tài khoản quản trị').fill('Quản trị CNTT')
  await shot('01-first-admin')
  await pin('246810')
  await pin('246810')
  await page.getByText('Đang đăng nhập').waitFor()
  await page.evaluate(async () => {
    const o = await window.api.centre.overview({})
    await window.api.auth.setOfficerPin({ officerId: o.value.counters[0].officer.id, pin: '111111' })
    await window.api.auth.logout({})
  })
  const levels = ['very_satisfied', 'satisfied', 'very_satisfied', 'not_satisfied', 'satisfied', 'very_satisfied']
  for (const [i, levelKey] of levels.entries()) {
    const uid = servedTicket(i === 5 ? 2 : 1, 60_000 + i * 1000)
    await page.evaluate(
      ({ uid, levelKey }) =>
        window.api.rating.submit({
          ticketUid: uid,
          counterId: null,
          levelKey,
          reasons: levelKey === 'not_satisfied' ? ['slow', 'unclear_guidance'] : [],
          comment: levelKey === 'not_satisfied' ? 'Hướng dẫn chưa rõ, phải quay lại hai lần' : '',
          language: 'vi',
        }),
      { uid, levelKey },
    )
  }
  await page.getByRole('button', { name: 'Đăng xuất' }).tap()
  await page.getByRole('link', { name: 'Cán bộ', exact: true }).tap()
  await shot('20-staff-names')
  await page.getByRole('button', { name: /Nguyễn Thị Hương/ }).tap()
  await shot('21-pin-pad')
  await pin('111111')
  await page.getByTestId('stat-total').waitFor()
  await shot('22-dashboard')
  await page.getByRole('button', { name: 'Khiếu nại đánh giá này' }).tap()
  await page.getByLabel('Vì sao đánh giá này chưa công bằng?').fill('Công dân đến nhầm quầy, tôi chưa phục vụ.')
  await page.getByRole('button', { name: 'Gửi khiếu nại' }).tap()
  await page.getByText('Đang chờ xử lý khiếu nại').waitFor()
  await shot('23-dashboard-dispute')
  await page.getByRole('button', { name: 'Đăng xuất' }).tap()

  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await page.getByRole('button', { name: /Quản trị CNTT/ }).tap()
  await pin('246810')
  await page.getByText('Đang đăng nhập').waitFor()
  await page.evaluate(() => window.api.backup.now({ folder: null }))
  const pages = await page.locator('.admin-nav__item').allTextContents()
  for (const [i, name] of pages.entries()) {
    await page.getByRole('button', { name, exact: true }).tap()
    await shot(`3${String(i).padStart(2, "0")}-admin`)
  }
} finally {
  await browser.close()
  host.kill('SIGTERM')
}

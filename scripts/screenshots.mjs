// Screenshots of the citizen screens at the kiosk (1280×800) and TV (1920×1080) sizes, for a person to look at:
// `npm run build && node scripts/screenshots.mjs [outDir]` (default out/screenshots). Uses Debian's Chromium.
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { chromium } from 'playwright-core'

const outDir = path.resolve(process.argv[2] ?? 'out/screenshots')
fs.mkdirSync(outDir, { recursive: true })
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shots-'))
const host = spawn(process.execPath, ['out/main/web-host.js', '--port', '0', '--data-dir', dataDir], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const { url } = JSON.parse(await new Promise((resolve) => createInterface({ input: host.stdout }).once('line', resolve)))

/** A served ticket at counter 1, straight into the database, so the rating screens have someone to rate. */
function servedTicket() {
  const db = new Database(path.join(dataDir, 'kiosk.db'))
  const n = db.prepare('SELECT count(*) + 1 FROM tickets').pluck().get()
  const code = `A${String(n).padStart(4, '0')}`
  const uid = crypto.randomUUID()
  db.prepare(
    `INSERT INTO tickets (uid, source, service_day, field_id, number, code, status, counter_id, officer_id, issued_at,
                          called_at, completed_at)
     VALUES (?, 'builtin', date('now'), 1, ?, ?, 'completed', 1, 1, ?, ?, ?)`,
  ).run(uid, n, code, Date.now() - 600_000, Date.now() - 300_000, Date.now())
  db.close()
  return uid
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
})
try {
  for (const [width, height] of [[1280, 800], [1920, 1080]]) {
    const page = await browser.newPage({ viewport: { width, height }, hasTouch: true })
    const shot = async (name) => {
      await page.waitForTimeout(200)
      await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`) })
    }
    await page.goto(url)
    await page.getByRole('button', { name: 'Đánh giá cán bộ' }).waitFor()
    await shot('01-home')
    await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap()
    await page.getByRole('button', { name: '1', exact: true }).tap()
    await shot('02-lookup')
    await page.keyboard.type(servedTicket())
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Rất hài lòng' }).waitFor()
    await shot('03-levels')
    await page.getByRole('button', { name: 'Không hài lòng' }).tap()
    await page.getByRole('button', { name: 'Giải quyết chậm, trễ hẹn' }).tap()
    await shot('04-reasons')
    await page.getByLabel('Ý kiến khác (không bắt buộc)').tap()
    for (const key of 'chaamj quas') await page.locator('.comment-keyboard').getByRole('button', { name: key === ' ' ? 'Dấu cách' : key, exact: true }).tap()
    await shot('05-keyboard')
    await page.getByRole('button', { name: 'Xong' }).tap()
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap()
    await page.getByRole('heading', { name: 'Cảm ơn quý khách!' }).waitFor()
    await shot('06-thanks')
    await page.close()
  }
} finally {
  await browser.close()
  host.kill('SIGTERM')
}
console.log(`screenshots in ${outDir}`)

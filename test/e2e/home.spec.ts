import Database from 'better-sqlite3'
import { CALLS } from '../../shared/channels'
import { expect, test } from './fixtures'

test('the home screen shows the seeded centre and its six counters in Vietnamese', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Trung tâm Phục vụ hành chính công (bản trình diễn)',
  )
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  const counters = page.locator('.counter-grid > li')
  await expect(counters).toHaveCount(6)
  await expect(counters.locator('.counter-card__name')).toHaveText([1, 2, 3, 4, 5, 6].map((n) => `Quầy ${n}`))
  await expect(page.getByTestId('counter-5')).toContainText('Hoàng Thị Ngọc Ánh')
  await expect(page.getByTestId('counter-3')).toContainText('Tư pháp – Hộ tịch')
  await expect(page.getByTestId('counter-6').locator('.field-chip')).toHaveCount(3)

  // Officer photos come through the media route, not from the network.
  const photo = page.getByTestId('counter-1').locator('img.officer__photo')
  await expect(photo).toHaveAttribute('src', './media/seed/officer-1.svg')
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
})

test('the language switch turns the screen to English and back with one tap each', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  await page.getByRole('button', { name: 'Chọn ngôn ngữ' }).tap()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public Administrative Service Centre (demo)')
  await expect(page.getByTestId('counter-1')).toContainText('Counter 1')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: 'Choose language' }).tap()
  await expect(page.getByTestId('counter-1')).toContainText('Quầy 1')
})

test('staff and admin areas are reachable from the corner and lead back home', async ({ page, kiosk }) => {
  await page.goto(kiosk.url)
  await page.getByRole('link', { name: 'Cán bộ', exact: true }).tap()
  await expect(page.getByRole('heading', { level: 2, name: 'Khu vực cán bộ' })).toBeVisible()
  await page.getByRole('link', { name: 'Quay lại trang chủ' }).tap()
  await page.getByRole('link', { name: 'Quản trị' }).tap()
  await expect(page.getByRole('heading', { level: 2, name: 'Khu vực quản trị' })).toBeVisible()
  await page.getByRole('link', { name: 'Quay lại trang chủ' }).tap()
  await expect(page.locator('.counter-grid > li')).toHaveCount(6)
})

test('window.api has the preload shape and bad input is refused with a typed error and no write', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url)
  await expect(page.locator('.counter-grid > li')).toHaveCount(6)
  const shape = await page.evaluate(() =>
    Object.fromEntries(Object.entries(window.api).map(([k, v]) => [k, typeof v === 'function' ? 'fn' : Object.keys(v)])),
  )
  const expected: Record<string, string[] | string> = { on: 'fn' }
  for (const channel of CALLS) {
    const [domain, verb] = channel.split(':') as [string, string]
    expected[domain] = [...((expected[domain] as string[] | undefined) ?? []), verb]
  }
  expect(shape).toEqual(expected)
  expect(shape.centre).toEqual(['overview'])
  const count = () => {
    const db = new Database(kiosk.dbFile, { readonly: true })
    try {
      return db.prepare("SELECT count(*) FROM system_events WHERE kind = 'renderer.error'").pluck().get()
    } finally {
      db.close()
    }
  }
  const results = await page.evaluate(async () => [
    await window.api.diagnostics.report({ message: 'x', screen: 'home', extra: true } as never),
    await window.api.diagnostics.report({ message: 'x'.repeat(10_000), screen: 'home' }),
  ])
  expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['BAD_INPUT', 'BAD_INPUT'])
  expect(count()).toBe(0)

  // A good report is written but never pushed back: IT's system log is not on a screen's event stream. Each round
  // sends a report, then takes a number; once that number's push has come, a pushed report would have come before
  // it. Rounds repeat because the event stream may still be connecting when the first goes out.
  const { heardLog, sent } = await page.evaluate(
    () =>
      new Promise<{ heardLog: boolean; sent: number }>((resolve) => {
        let heardLog = false
        let sent = 0
        const offLog = window.api.on('system:event', () => void (heardLog = true))
        const round = async () => {
          sent += 1
          await window.api.diagnostics.report({ message: `Màn hình bị treo ${sent}`, screen: 'home' })
          const overview = await window.api.centre.overview({})
          const field = overview.ok ? overview.value.fields[0] : undefined
          if (field !== undefined) await window.api.queue.take({ fieldId: field.id, priorityGroup: null })
        }
        const timer = setInterval(() => void round(), 250)
        const off = window.api.on('queue:changed', () => {
          off()
          offLog()
          clearInterval(timer)
          resolve({ heardLog, sent })
        })
        void round()
      }),
  )
  expect(heardLog).toBe(false)
  await expect.poll(count).toBe(sent)
})

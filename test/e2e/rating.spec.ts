import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import { insertServedTicket } from '../helpers/tickets'
import { counterId, execute, query, updateSetting } from './db'
import { expect, test, type KioskHost } from './fixtures'
import { noteTouches, runSinceLastTouch } from './idle-clock'
import { ADMIN_PIN } from './staff-helpers'

interface RatingRow {
  ticket_code: string | null
  level_key: string
  level_label: string
  reasons: string
  comment: string
  language: string
  mode: string
  full_name: string
}

function ratings(kiosk: KioskHost): RatingRow[] {
  return query<RatingRow>(
    kiosk.dbFile,
    `SELECT r.ticket_code, r.level_key, r.level_label, r.reasons, r.comment, r.language, r.mode, o.full_name
       FROM ratings r JOIN officers o ON o.id = r.officer_id ORDER BY r.seq`,
  )
}

function served(kiosk: KioskHost, counterNumber: number) {
  return insertServedTicket(kiosk.dbFile, { counterNumber, completedAt: kiosk.now() - 30_000 })
}

/** 0 serious or critical accessibility violations on the screen as it is now. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

async function enterTicket(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap()
  // Tickets completed in the last minutes come first as tiles; the pad is one tap away.
  const other = page.getByRole('button', { name: 'Không thấy số của mình? Nhập số trên phiếu' })
  await other.or(page.getByRole('group', { name: 'Chữ cái trên phiếu' })).waitFor()
  if (await other.isVisible()) await other.tap()
  await page.getByRole('group', { name: 'Chữ cái trên phiếu' }).getByRole('button', { name: new RegExp(`^${code[0]} `) }).tap()
  for (const digit of code.slice(1)) await page.getByRole('button', { name: digit, exact: true }).tap()
  await page.getByRole('button', { name: 'Tìm' }).tap()
}

test('happy path: scan the ticket, one tap on a level, thank you — and the rating is in SQLite', async ({
  page,
  kiosk,
}) => {
  const ticket = served(kiosk, 3)
  await page.goto(kiosk.url)
  await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap() // tap 1
  await expect(page.getByRole('heading', { name: 'Chạm vào số thứ tự trên phiếu của quý khách' })).toBeVisible()
  await page.keyboard.type(ticket.uid) // the USB scanner reads the QR code and "types" it
  await page.keyboard.press('Enter')
  await expect(page.getByText('Lê Thị Thu Hà')).toBeVisible()
  await expect(page.getByText(`Quầy 3 · Số thứ tự ${ticket.code}`)).toBeVisible()
  await page.getByRole('button', { name: 'Rất hài lòng' }).tap() // tap 2
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  expect(ratings(kiosk)).toEqual([
    {
      ticket_code: ticket.code,
      level_key: 'very_satisfied',
      level_label: 'Rất hài lòng',
      reasons: '[]',
      comment: '',
      language: 'vi',
      mode: 'lobby',
      full_name: 'Lê Thị Thu Hà',
    },
  ])
  await page.getByRole('button', { name: 'Về trang chủ' }).tap() // tap 3
  await expect(page.getByRole('button', { name: 'Đánh giá cán bộ' })).toBeVisible()
})

test('lobby tiles: "Đánh giá cán bộ", own number, level — three taps; no officer name on a tile', async ({
  page,
  kiosk,
}) => {
  const mine = served(kiosk, 3)
  const other = insertServedTicket(kiosk.dbFile, { counterNumber: 5, completedAt: kiosk.now() - 4 * 60_000 })
  const old = insertServedTicket(kiosk.dbFile, { counterNumber: 2, completedAt: kiosk.now() - 11 * 60_000 })
  await page.goto(kiosk.url)
  await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap() // tap 1
  const tiles = page.getByRole('group', { name: 'Số của quý khách' })
  await expect(tiles.getByRole('button')).toHaveText([`${mine.code}Quầy 3`, `${other.code}Quầy 5`])
  await expect(tiles.getByText(old.code)).toHaveCount(0) // completed 11 minutes ago: only the pad finds it
  await expect(page.getByText('Lê Thị Thu Hà')).toHaveCount(0)
  await tiles.getByRole('button', { name: new RegExp(mine.code) }).tap() // tap 2
  await expect(page.getByText(`Quầy 3 · Số thứ tự ${mine.code}`)).toBeVisible()
  await page.getByRole('button', { name: 'Hài lòng', exact: true }).tap() // tap 3
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  expect(ratings(kiosk).map((r) => [r.ticket_code, r.level_key])).toEqual([[mine.code, 'satisfied']])
  // The next citizen no longer sees the rated number; the pad still finds the older ticket.
  await page.getByRole('button', { name: 'Về trang chủ' }).tap()
  await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap()
  await expect(tiles.getByRole('button')).toHaveText([`${other.code}Quầy 5`])
  await page.getByRole('button', { name: 'Không thấy số của mình? Nhập số trên phiếu' }).tap()
  await page.getByRole('group', { name: 'Chữ cái trên phiếu' }).getByRole('button', { name: new RegExp(`^${old.code[0]} `) }).tap()
  for (const digit of old.code.slice(1)) await page.getByRole('button', { name: digit, exact: true }).tap()
  await page.getByRole('button', { name: 'Tìm' }).tap()
  await expect(page.getByText(`Quầy 2 · Số thứ tự ${old.code}`)).toBeVisible()
})

test('negative path by ticket number: two reasons and a comment typed in Telex', async ({ page, kiosk }) => {
  const ticket = served(kiosk, 1)
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Không hài lòng' }).tap()
  await expect(page.getByRole('heading', { name: 'Quý khách chưa hài lòng về điều gì?' })).toBeVisible()
  await page.getByRole('button', { name: 'Hướng dẫn không rõ ràng, phải đi lại nhiều lần' }).tap()
  await page.getByRole('button', { name: 'Giải quyết chậm, trễ hẹn' }).tap()
  await expect(page.locator('[data-reason][aria-pressed="true"]')).toHaveCount(2)

  await page.getByLabel('Ý kiến khác (không bắt buộc)').tap()
  const keyboard = page.locator('.comment-keyboard')
  await expect(keyboard.getByText(/^Gõ dấu \(kiểu Telex\): s sắc, f huyền, r hỏi, x ngã, j nặng/)).toBeVisible()
  for (const key of 'phari ddi laij nhieeuf laafn') {
    const name = key === ' ' ? 'Dấu cách' : key
    await keyboard.getByRole('button', { name, exact: true }).tap()
  }
  await expect(page.getByLabel('Ý kiến khác (không bắt buộc)')).toHaveValue('phải đi lại nhiều lần')
  await expect(page.getByText('21/300 ký tự')).toBeVisible()
  await page.getByRole('button', { name: 'Xong' }).tap()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).tap()
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()

  const [row] = ratings(kiosk)
  expect(row?.reasons).toBe('["unclear_guidance","slow"]')
  expect(row?.comment).toBe('phải đi lại nhiều lần')
  expect(row?.level_label).toBe('Không hài lòng')
  expect(row?.full_name).toBe('Nguyễn Thị Hương')
})

test('the comment stops at the configured length, visibly', async ({ page, kiosk }) => {
  updateSetting(kiosk.dbFile, 'ratingForm', (f) => ({ ...f, commentMaxLength: 5 }))
  const ticket = served(kiosk, 2)
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Không hài lòng' }).tap()
  await page.getByLabel('Ý kiến khác (không bắt buộc)').tap()
  const keyboard = page.locator('.comment-keyboard')
  // Letters that are neither Telex tones nor marks, so each adds one character.
  for (const key of 'bcghklm') await keyboard.getByRole('button', { name: key, exact: true }).tap()
  await expect(page.getByLabel('Ý kiến khác (không bắt buộc)')).toHaveValue('bcghk')
  await expect(page.locator('.rating-comment__count--full')).toHaveText('5/5 ký tự')
})

test('a ticket is rated once: the second attempt is refused kindly and stores nothing', async ({ page, kiosk }) => {
  const ticket = served(kiosk, 4)
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Hài lòng', exact: true }).tap()
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  await page.getByRole('button', { name: 'Về trang chủ' }).tap()

  await enterTicket(page, ticket.code)
  await expect(page.getByRole('alert')).toHaveText('Số thứ tự này đã được đánh giá. Cảm ơn quý khách!')
  expect(ratings(kiosk)).toHaveLength(1)

  await page.getByRole('button', { name: 'Hủy' }).tap()
  await enterTicket(page, 'D9999')
  await expect(page.getByRole('alert')).toHaveText('Không tìm thấy số thứ tự này. Quý khách vui lòng kiểm tra lại phiếu.')
})

test('going idle mid-rating returns home after a countdown and leaves no row', async ({ page, kiosk }) => {
  // 30 s, not 10: the page's clock runs in real time until it is paused below, and a busy CI machine can take
  // more than 10 s between the rating screen opening and the taps that restart the wait.
  updateSetting(kiosk.dbFile, 'kiosk', (k) => ({ ...k, idle: { citizenSeconds: 30, staffSeconds: 60 } }))
  const ticket = served(kiosk, 5)
  await page.clock.install()
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Không hài lòng' }).tap()
  await noteTouches(page)
  await page.getByRole('button', { name: 'Thái độ chưa lịch sự, tôn trọng' }).tap()
  // 27.5 s after the last touch: inside the countdown of the last 5 s of the 30; then 5 s more is past the end.
  await runSinceLastTouch(page, 27_500)
  await expect(page.getByRole('alert')).toContainText('Màn hình sẽ trở về trang chủ sau')
  await runSinceLastTouch(page, 32_500)
  await expect(page.getByRole('button', { name: 'Đánh giá cán bộ' })).toBeVisible()
  expect(ratings(kiosk)).toEqual([])
})

test('the language switch works on the rating screens and the rating records the language', async ({
  page,
  kiosk,
}) => {
  const ticket = served(kiosk, 6)
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Chọn ngôn ngữ' }).tap()
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(
    'How satisfied are you with the officer’s attitude and service?',
  )
  await page.getByRole('button', { name: 'Very satisfied' }).tap()
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible()
  expect(ratings(kiosk).map((r) => [r.language, r.level_label])).toEqual([['en', 'Rất hài lòng']])
  // The next citizen starts in the kiosk's own language again.
  await page.getByRole('button', { name: 'Back to home' }).tap()
  await expect(page.getByRole('button', { name: 'Đánh giá cán bộ' })).toBeVisible()
})

for (const scale of [4, 5] as const) {
  test(`a ${scale}-level form shows its levels and asks for reasons on its negative ones`, async ({ page, kiosk }) => {
    updateSetting(kiosk.dbFile, 'ratingForm', () => defaultRatingForm(scale))
    const ticket = served(kiosk, 2)
    await page.goto(kiosk.url)
    await enterTicket(page, ticket.code)
    const labels = defaultRatingForm(scale).levels.map((l) => l.label.vi)
    await expect(page.locator('.level-button__label')).toHaveText(labels)
    const lowest = labels[labels.length - 1] as string
    await page.getByRole('button', { name: lowest, exact: true }).tap()
    await expect(page.getByRole('heading', { name: 'Quý khách chưa hài lòng về điều gì?' })).toBeVisible()
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap()
    await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
    expect(ratings(kiosk).map((r) => r.level_label)).toEqual([lowest])
  })
}

test('counter mode opens the rating for the ticket just completed at this counter, also after a reload', async ({
  page,
  context,
  kiosk,
}) => {
  const counter = counterId(kiosk.dbFile, 5)
  updateSetting(kiosk.dbFile, 'kiosk', (k) => ({ ...k, mode: 'counter', counterId: counter }))
  await page.goto(kiosk.url)
  await expect(page.getByText('Hoàng Thị Ngọc Ánh')).toBeVisible()
  await expectAccessible(page, 'counter home')
  // IT works counter 5 from another window (a staff session never rates, so not from this one).
  const it = await context.newPage()
  await it.goto(kiosk.url)
  const code = await it.evaluate(
    async ({ counter, pin }) => {
      await window.api.auth.setup({ displayName: 'Quản trị CNTT', pin })
      const overview = await window.api.centre.overview({})
      const field = overview.ok ? overview.value.fields.find((f) => f.prefix === 'D') : undefined
      if (!field) throw new Error('no field D')
      const taken = await window.api.queue.take({ fieldId: field.id, priorityGroup: null })
      await window.api.queue.callNext({ counterId: counter })
      await window.api.queue.complete({ counterId: counter })
      return taken.ok ? taken.value.code : null
    },
    { counter, pin: ADMIN_PIN },
  )
  await expect(page.locator('#rating-question')).toBeVisible()
  await page.reload() // after a reload the kiosk asks core for the counter's open rating
  await page.getByRole('button', { name: 'Rất hài lòng' }).tap()
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  expect(ratings(kiosk).map((r) => [r.ticket_code, r.mode, r.full_name])).toEqual([
    [code, 'counter', 'Hoàng Thị Ngọc Ánh'],
  ])
})

test('a counter that takes ratings without a ticket enforces the pause between them', async ({ page, kiosk }) => {
  // The longest pause IT can set: the host's clock runs in real time, and on a busy machine the taps of the second
  // try can take longer than the default 5 s, which would let it through.
  updateSetting(kiosk.dbFile, 'ratingForm', (f) => ({
    ...f,
    anonymousCounterIds: [counterId(kiosk.dbFile, 1)],
    anonymousIntervalSeconds: 600,
  }))
  await page.goto(kiosk.url)
  for (const attempt of [1, 2]) {
    await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap()
    await page.getByRole('button', { name: 'Đánh giá quầy 1' }).tap()
    await page.getByRole('button', { name: 'Hài lòng', exact: true }).tap()
    if (attempt === 1) {
      await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
      await page.getByRole('button', { name: 'Về trang chủ' }).tap()
    }
  }
  await expect(page.getByRole('alert')).toHaveText('Vui lòng đợi giây lát rồi đánh giá tiếp.')
  expect(ratings(kiosk).map((r) => [r.ticket_code, r.full_name])).toEqual([[null, 'Nguyễn Thị Hương']])
})

test('when the rating cannot be saved the citizen gets an apology, IT gets an event, nothing half-written', async ({
  page,
  kiosk,
}) => {
  const ticket = served(kiosk, 3)
  execute(kiosk.dbFile, "CREATE TRIGGER disk_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
  await page.goto(kiosk.url)
  await enterTicket(page, ticket.code)
  await page.getByRole('button', { name: 'Rất hài lòng' }).tap()
  await expect(page.getByRole('heading', { name: 'Xin lỗi quý khách' })).toBeVisible()
  await expectAccessible(page, 'save failed')
  expect(ratings(kiosk)).toEqual([])
  expect(query(kiosk.dbFile, 'SELECT seq FROM chain_head')).toEqual([{ seq: 0 }])
  expect(query(kiosk.dbFile, "SELECT detail FROM system_events WHERE kind = 'rating.failed'")).toEqual([
    { detail: expect.stringContaining('disk full') },
  ])
})

test('every screen of the flow passes axe, in normal and in high-contrast, large-text display', async ({
  page,
  kiosk,
}) => {
  // Eight axe scans of full screens: on 2 busy cores they alone can take most of a minute. A hang detector only.
  test.setTimeout(150_000)
  const ticket = served(kiosk, 1)
  await page.goto(kiosk.url)
  await expectAccessible(page, 'home')
  await page.getByRole('button', { name: 'Đánh giá cán bộ' }).tap()
  await expect(page.getByRole('button', { name: new RegExp(ticket.code) })).toBeVisible() // the tiles
  await expectAccessible(page, 'lookup')
  await page.getByRole('button', { name: 'Tương phản cao' }).tap()
  await page.getByRole('button', { name: 'Chữ lớn' }).tap()
  await expect(page.locator('html')).toHaveClass(/high-contrast/)
  await expect(page.locator('html')).toHaveClass(/large-text/)
  await expectAccessible(page, 'lookup, high contrast')
  await page.keyboard.type(ticket.uid)
  await page.keyboard.press('Enter')
  await expectAccessible(page, 'levels')
  await page.getByRole('button', { name: 'Không hài lòng' }).tap()
  await expectAccessible(page, 'reasons')
  await page.getByLabel('Ý kiến khác (không bắt buộc)').tap()
  await expectAccessible(page, 'keyboard')
  await page.getByRole('button', { name: 'Xong' }).tap()
  await page.getByRole('button', { name: 'Gửi đánh giá' }).tap()
  await expect(page.getByRole('heading', { name: 'Cảm ơn quý khách!' })).toBeVisible()
  await expectAccessible(page, 'thanks')
  // The thank-you screen goes home by itself after a few seconds, and on a busy machine the axe scan can outlast
  // them (axe runs on the page's timers, so its clock can't be stopped here). Either the tap lands, or the screen
  // has gone home meanwhile and the button is gone; a button still there that can't be tapped fails.
  const home = page.getByRole('button', { name: 'Về trang chủ' })
  await home.tap({ timeout: 5_000 }).catch(async (error: unknown) => {
    if ((await home.count()) > 0) throw error
  })
  await expect(page.getByRole('button', { name: /^Đánh giá cán bộ/ })).toBeVisible()
  // The next citizen starts with the default display again.
  await expect(page.locator('html')).not.toHaveClass(/high-contrast/)
  await enterTicket(page, ticket.code)
  await expectAccessible(page, 'refused')
})

import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { simDevice, type RatingFields } from '../collector/web/sim-device'
import { startDashboardHost, type DashboardHost } from './dashboard-host'
import { expect, HOST_CLOCK_START, test } from './fixtures'

/**
 * The province dashboard in real Chromium, on data that arrived as real signed uploads to the built collector:
 * every page for the province, a centre leader's narrower view, and axe on each page.
 */
const DAY = 86_400_000
const MIN = 60_000
const PASSWORD = 'mat-khau-so-noi-vu-2026'

const negative: RatingFields = {
  level: 1,
  levelKey: 'not_satisfied',
  levelLabel: 'Không hài lòng',
  reasons: ['slow'],
  comment: 'Chờ quá lâu, không ai hướng dẫn',
  officerId: 2,
  officerName: 'Trần Thị Bình',
  counterNumber: 2,
  fieldPrefix: 'B',
}

async function seed(host: DashboardHost): Promise<{ tamperedSeq: number }> {
  await host.cli(['centre', '--id', 'tan-phu', '--name', 'UBND xã Tân Phú'])
  await host.cli(['centre', '--id', 'an-binh', '--name', 'UBND phường An Bình'])
  await host.cli(['user', 'add', '--username', 'so-noi-vu', '--role', 'province', '--name', 'Sở Nội vụ'], PASSWORD)
  await host.cli(['user', 'add', '--username', 'lanh-dao-tp', '--role', 'leader', '--centre', 'tan-phu', '--name', 'Lê Thị Thu'], PASSWORD)
  const device = async (centre: string) => {
    const token = await host.token(centre)
    return simDevice({ url: host.url, createEnrollmentToken: () => token }, host.clock, centre)
  }
  const tanPhu = await device('tan-phu')
  const anBinh = await device('an-binh')
  const spare = await device('tan-phu')
  // Five weeks of working-hour ratings: Tân Phú three in four satisfied, An Bình nearly all.
  const weeks = (n: number, fields: (i: number) => RatingFields) =>
    Array.from({ length: n }, (_, i) => ({ createdAt: HOST_CLOCK_START - (i % 35) * DAY + (i % 7) * 20 * MIN, ...fields(i) }))
  const sent = await tanPhu.send([
    ...weeks(24, (i) => ({ officerId: 1 + (i % 2), officerName: i % 2 === 0 ? 'Nguyễn Văn An' : 'Trần Thị Bình', counterNumber: 1 + (i % 2), fieldPrefix: i % 3 === 0 ? 'B' : 'A', ...(i % 4 === 3 ? { level: 2, levelKey: 'satisfied', levelLabel: 'Hài lòng' } : {}) })),
    { createdAt: HOST_CLOCK_START - DAY, ...negative },
    // A burst at counter 1: four ratings inside a minute.
    ...[0, 10, 20, 30].map((s) => ({ createdAt: HOST_CLOCK_START - 2 * DAY + s * 1000, officerName: 'Nguyễn Văn An' })),
  ])
  expect(sent.status).toBe(200)
  expect(await tanPhu.dispute(sent.uuids[24] ?? '', ['open', 'upheld'], 'Công dân chấm nhầm quầy')).toBe(200)
  expect((await anBinh.send(weeks(20, () => ({ officerName: 'Bùi Thị Lan' })))).status).toBe(200)
  await spare.send([{ createdAt: HOST_CLOCK_START - DAY }])
  const tamperedSeq = await spare.sendTampered({ createdAt: HOST_CLOCK_START - DAY + MIN })
  return { tamperedSeq }
}

async function noAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(new URL('/dashboard/', url).toString())
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible()
  await noAxeViolations(page)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(PASSWORD)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible()
}

test.describe('province dashboard', () => {
  let host: DashboardHost
  let tamperedSeq = 0
  test.beforeEach(async () => {
    host = await startDashboardHost()
    ;({ tamperedSeq } = await seed(host))
  })
  test.afterEach(async () => host.stop())

  test('the province walks every page: ranking, centre, officer, devices, disputes, alerts, flags, accounts, exports', async ({ page }) => {
    await login(page, host.url, 'so-noi-vu')
    const ranking = page.getByRole('table', { name: 'Xếp hạng trung tâm theo tỉ lệ hài lòng' })
    await expect(ranking.getByRole('row').nth(1)).toContainText('UBND phường An Bình')
    await expect(ranking.getByRole('row').nth(2)).toContainText('UBND xã Tân Phú')
    // The chart is drawn by the bundled Chart.js (a canvas with pixels), beside its table.
    await expect
      .poll(() =>
        page.locator('canvas[data-chart]').evaluate((c: HTMLCanvasElement) => {
          const chart = (window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): { data: { datasets: unknown[] } } | undefined } }).Chart
          return chart?.getChart(c)?.data.datasets.length ?? 0
        }),
      )
      .toBe(2)
    await noAxeViolations(page)

    await ranking.getByRole('link', { name: 'UBND xã Tân Phú' }).click()
    await expect(page.getByRole('heading', { name: 'Trung tâm: UBND xã Tân Phú' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Góp ý gần đây kèm đánh giá không hài lòng' })).toContainText('Chờ quá lâu, không ai hướng dẫn')
    await expect(page.getByRole('table', { name: 'Lý do không hài lòng' })).toContainText('slow')
    await noAxeViolations(page)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: /Tải báo cáo tháng \(Excel\)/ }).click()
    expect((await download).suggestedFilename()).toBe('bao-cao-hai-long-tan-phu-2026-11.xlsx')

    await page.getByRole('table', { name: 'Theo cán bộ' }).getByRole('link', { name: 'Trần Thị Bình' }).click()
    await expect(page.getByRole('heading', { name: 'Cán bộ: Trần Thị Bình' })).toBeVisible()
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'Thiết bị' }).click()
    await expect(page.getByRole('table', { name: 'Thiết bị' })).toContainText(`Sai lệch từ số ${tamperedSeq} (link)`)
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'Khiếu nại đánh giá' }).click()
    const disputes = page.getByRole('table', { name: 'Khiếu nại đánh giá' })
    await expect(disputes).toContainText('Công dân chấm nhầm quầy')
    await expect(disputes).toContainText('Chấp nhận khiếu nại')
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'Cảnh báo', exact: true }).click()
    await expect(page.getByRole('table', { name: 'Cảnh báo' })).toContainText('Đánh giá không hài lòng')
    await expect(page.getByRole('table', { name: 'Cảnh báo' })).toContainText('Dấu hiệu can thiệp dữ liệu')
    await page.getByLabel('URL nhận cảnh báo').fill('https://canh-bao.example.gov.vn/hook')
    await page.getByLabel('Khoá ký (ít nhất 16 ký tự)').fill('khoa-ky-bi-mat-2026')
    await page.getByRole('button', { name: 'Lưu' }).click()
    await expect(page.getByRole('status')).toHaveText('Đã lưu.')
    await expect(page.getByLabel('URL nhận cảnh báo')).toHaveValue('https://canh-bao.example.gov.vn/hook')
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'Dấu hiệu bất thường' }).click()
    await expect(page.getByRole('table', { name: 'Dấu hiệu bất thường' })).toContainText('Đánh giá dồn dập tại một quầy')
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'Tài khoản' }).click()
    await page.getByLabel('Tên đăng nhập').fill('kiem-tra')
    await page.getByLabel('Họ và tên').fill('Thanh tra tỉnh')
    await page.getByLabel('Mật khẩu').fill('mat-khau-kiem-tra-2026')
    await page.getByLabel('Vai trò').selectOption('auditor')
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click()
    await expect(page.getByRole('table', { name: 'Tài khoản' })).toContainText('Thanh tra tỉnh')
    await noAxeViolations(page)

    await page.getByRole('link', { name: 'English' }).click()
    await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible()
    await noAxeViolations(page)
  })

  test("a centre leader sees their own centre only, and the other centre's page is refused", async ({ page }) => {
    await login(page, host.url, 'lanh-dao-tp')
    const ranking = page.getByRole('table', { name: 'Xếp hạng trung tâm theo tỉ lệ hài lòng' })
    await expect(ranking).toContainText('UBND xã Tân Phú')
    await expect(ranking).not.toContainText('An Bình')
    await expect(page.getByRole('link', { name: 'Tài khoản' })).toHaveCount(0)
    await noAxeViolations(page)
    const refused = await page.goto(new URL('/dashboard/centre/an-binh', host.url).toString())
    expect(refused?.status()).toBe(403)
    await expect(page.getByRole('heading', { name: 'Bạn không có quyền xem trang này.' })).toBeVisible()
    await noAxeViolations(page)
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible()
  })
})

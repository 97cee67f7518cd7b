import { readSheet } from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore, TEST_CLIENT } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'

type Clock = ReturnType<typeof fixedClock>

async function rate(core: Core, clock: Clock, counterNumber: number, levelKey: string, comment = '') {
  const ticket = insertServedTicket(core.dbFile, { counterNumber, completedAt: clock.now() })
  await call(core, 'rating:submit', {
    ticketUid: ticket.uid,
    counterId: null,
    levelKey,
    reasons: levelKey === 'not_satisfied' ? ['slow', 'impolite'] : [],
    comment,
    language: 'vi',
  })
  clock.advance(1000)
}

/** Counter 1 (Nguyễn Thị Hương, field A): 2 of 3 satisfied; counter 3 (Lê Thị Thu Hà, B): 1 of 1; counter 2 (A): 0 of 1. */
async function fixture() {
  const clock = fixedClock()
  const core = testCore({ clock, pinCost: cheapCost })
  await rate(core, clock, 1, 'very_satisfied')
  await rate(core, clock, 1, 'satisfied')
  await rate(core, clock, 1, 'not_satisfied', '=HYPERLINK("x") "Chờ lâu", thái độ chưa tốt')
  await rate(core, clock, 3, 'very_satisfied')
  await rate(core, clock, 2, 'not_satisfied')
  await loginAdmin(core)
  return { core, clock }
}

async function download(core: Core, format: 'csv' | 'xlsx'): Promise<Buffer> {
  let job = await call(core, 'exports:start', { range: { kind: 'last', days: 7 }, format })
  while (job.state === 'running') {
    await new Promise((resolve) => setImmediate(resolve))
    job = await call(core, 'exports:status', { jobId: job.jobId })
  }
  expect(job).toMatchObject({ state: 'done', done: 5, total: 5 })
  const parts: Buffer[] = []
  for (let i = 0; i * job.chunkBytes < job.bytes; i++) {
    parts.push(Buffer.from((await call(core, 'exports:chunk', { jobId: job.jobId, index: i })).base64, 'base64'))
  }
  return Buffer.concat(parts)
}

describe('reports', () => {
  it('gives the satisfaction rate, counts per level and top reasons per officer, counter and field', async () => {
    const { core } = await fixture()
    const byOfficer = await call(core, 'reports:summary', { range: { kind: 'last', days: 1 }, groupBy: 'officer' })
    expect(byOfficer.total).toEqual({ total: 5, satisfied: 3, rate: 0.6 })
    expect(byOfficer.rows.map((r) => [r.name, r.tally.total, r.tally.satisfied])).toEqual([
      ['Lê Thị Thu Hà', 1, 1],
      ['Nguyễn Thị Hương', 3, 2],
      ['Trần Văn Đức', 1, 0],
    ])
    const huong = byOfficer.rows[1]
    expect(huong?.levels.map((l) => l.count)).toEqual([1, 1, 1])
    expect(huong?.topReasons.map((r) => r.label.vi)).toEqual([
      'Thái độ chưa lịch sự, tôn trọng',
      'Giải quyết chậm, trễ hẹn',
    ])
    const byField = await call(core, 'reports:summary', { range: { kind: 'last', days: 1 }, groupBy: 'field' })
    expect(byField.rows.map((r) => [r.name, r.tally.total, r.tally.rate])).toEqual([
      ['B – Tư pháp – Hộ tịch', 1, 1],
      ['A – Đất đai', 4, 0.5],
    ])
    const byCounter = await call(core, 'reports:summary', { range: { kind: 'last', days: 1 }, groupBy: 'counter' })
    expect(byCounter.rows.map((r) => r.name)).toEqual(['Quầy 3', 'Quầy 1', 'Quầy 2'])
  })
})

describe('exports', () => {
  it('writes CSV as UTF-8 with a BOM, Vietnamese intact, formulas defused', async () => {
    const { core } = await fixture()
    const csv = await download(core, 'csv')
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.toString('utf8').slice(1)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Mã đánh giá,Số thứ tự,Thời gian,Quầy,Cán bộ,Lĩnh vực,Mức đánh giá,Hài lòng,Lý do,Góp ý,Ngôn ngữ,Chế độ')
    expect(lines).toHaveLength(7) // header, 5 rows, the empty string after the last CRLF
    expect(text).toContain('"\'=HYPERLINK(""x"") ""Chờ lâu"", thái độ chưa tốt"')
    expect(text).toContain('Nguyễn Thị Hương')
    expect(text).toContain('Giải quyết chậm, trễ hẹn; Thái độ chưa lịch sự, tôn trọng')
  })

  it('writes XLSX that reads back with the same Vietnamese text', async () => {
    const { core } = await fixture()
    const rows = await readSheet(await download(core, 'xlsx'))
    expect(rows[0]?.[4]).toBe('Cán bộ')
    expect(rows).toHaveLength(6)
    expect(rows[4]).toEqual(expect.arrayContaining(['Lê Thị Thu Hà', 'Rất hài lòng', 'Có']))
    // A cell of text is never a formula in XLSX: the citizen's words are kept as typed.
    expect(rows[3]).toEqual(expect.arrayContaining(['Không hài lòng', '=HYPERLINK("x") "Chờ lâu", thái độ chưa tốt']))
    expect(rows.slice(1).map((r) => r[1])).toEqual([1, 2, 3, 4, 5])
  })

  it('needs an admin and is audit-logged', async () => {
    const { core } = await fixture()
    await download(core, 'csv')
    const audit = await call(core, 'audit:list', { limit: 10, before: null, from: null, to: null, action: 'export.ratings' })
    expect(audit).toHaveLength(1)
    await call(core, 'auth:logout', {})
    expect(await core.invoke('exports:start', { range: { kind: 'last', days: 1 }, format: 'csv' }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

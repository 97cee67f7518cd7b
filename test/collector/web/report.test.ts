import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { rate, reportCsv, reportXlsx, type MonthlyReport } from '../../../electron/collector/web/report'

const report: MonthlyReport = {
  centreName: 'UBND xã Tân Phú',
  month: '2026-11',
  lines: [
    { group: 'field', label: 'Hộ tịch', total: 8, satisfied: 7 },
    { group: 'counter', label: 'Quầy 1', total: 5, satisfied: 5 },
    { group: 'counter', label: 'Quầy 2', total: 3, satisfied: 2 },
    { group: 'officer', label: '=HYPERLINK("x")', total: 3, satisfied: 2 },
  ],
}

describe('monthly satisfaction report', () => {
  it('rates with one decimal and nothing for no ratings', () => {
    expect(rate(2, 3)).toBe(66.7)
    expect(rate(0, 0)).toBeNull()
  })

  it('CSV: BOM, the filed columns, one line per field / counter / officer, a total from the counters', () => {
    const csv = reportCsv(report)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const lines = csv.slice(1).trimEnd().split('\r\n')
    expect(lines[1]).toBe('Nhóm,Tên,Số lượt đánh giá,Hài lòng,Tỉ lệ hài lòng (%)')
    expect(lines[2]).toBe('Lĩnh vực,Hộ tịch,8,7,87.5')
    expect(lines[3]).toBe('Quầy,Quầy 1,5,5,100')
    expect(lines.at(-1)).toBe('Tổng cộng,UBND xã Tân Phú,8,7,87.5')
  })

  it('CSV: a name that would run as a formula is written as text', () => {
    const officer = reportCsv(report).split('\r\n').find((l) => l.startsWith('Cán bộ'))
    expect(officer).toBe(`Cán bộ,"'=HYPERLINK(""x"")",3,2,66.7`)
  })

  it('XLSX: a real workbook whose sheet holds the same figures', async () => {
    const files = unzipSync(new Uint8Array(await reportXlsx(report)))
    const all = Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, data]) => strFromU8(data))
      .join('\n')
    expect(all).toContain('Tỉ lệ hài lòng (%)')
    expect(all).toContain('Hộ tịch')
    expect(all).toContain('<v>87.5</v>')
  })
})

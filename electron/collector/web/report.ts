import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node'

/**
 * The monthly satisfaction report a centre files with the province (the shape of the PAR INDEX / SIPAS annexes
 * centres keep in Excel): one block per grouping — field of procedures, counter, officer — each line with
 * "Số lượt đánh giá", "Hài lòng" and "Tỉ lệ hài lòng (%)", then a total line.
 */
export type ReportGroup = 'field' | 'counter' | 'officer'

export interface ReportLine {
  group: ReportGroup
  label: string
  total: number
  satisfied: number
}

export interface MonthlyReport {
  centreName: string
  /** YYYY-MM */
  month: string
  lines: ReportLine[]
}

const GROUP_TITLE: Record<ReportGroup, string> = { field: 'Lĩnh vực', counter: 'Quầy', officer: 'Cán bộ' }
export const REPORT_HEAD = ['Nhóm', 'Tên', 'Số lượt đánh giá', 'Hài lòng', 'Tỉ lệ hài lòng (%)'] as const

/** Percent with one decimal as a number (Excel formats it); null when nothing was rated. */
export function rate(satisfied: number, total: number): number | null {
  return total === 0 ? null : Math.round((1000 * satisfied) / total) / 10
}

function reportMatrix(report: MonthlyReport): (string | number | null)[][] {
  const out: (string | number | null)[][] = []
  for (const group of ['field', 'counter', 'officer'] as const) {
    const lines = report.lines.filter((l) => l.group === group)
    for (const l of lines) out.push([GROUP_TITLE[group], l.label, l.total, l.satisfied, rate(l.satisfied, l.total)])
  }
  // Every rating has exactly one counter, so the counter block adds up to the centre's total.
  const counters = report.lines.filter((l) => l.group === 'counter')
  const total = counters.reduce((n, l) => n + l.total, 0)
  const satisfied = counters.reduce((n, l) => n + l.satisfied, 0)
  out.push(['Tổng cộng', report.centreName, total, satisfied, rate(satisfied, total)])
  return out
}

/**
 * A spreadsheet cell that starts with = + - @ (or a tab / CR) would run as a formula when the file is opened:
 * an officer's name comes from a kiosk, so it is neutralised with a leading apostrophe (OWASP "CSV injection").
 */
function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let text = typeof value === 'number' ? String(value) : value
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** UTF-8 with a byte-order mark and CRLF, so Excel on a Vietnamese Windows opens the diacritics right. */
export function reportCsv(report: MonthlyReport): string {
  const title = [`Báo cáo mức độ hài lòng tháng ${report.month}`, report.centreName]
  const rows = [title, [...REPORT_HEAD], ...reportMatrix(report)]
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

export async function reportXlsx(report: MonthlyReport): Promise<Buffer> {
  const header: Row = REPORT_HEAD.map((value) => ({ value, fontWeight: 'bold' as const }))
  const body: Row[] = reportMatrix(report).map((cells) =>
    cells.map((value, i) =>
      value === null ? null : i === 4 ? { value, type: Number, format: '0.0' } : { value, type: typeof value === 'number' ? Number : String },
    ),
  )
  const data: SheetData = [[{ value: `Báo cáo mức độ hài lòng tháng ${report.month} — ${report.centreName}`, fontWeight: 'bold' }], header, ...body]
  return writeXlsxFile(data, { sheet: `Tháng ${report.month}`, columns: [{ width: 12 }, { width: 36 }, { width: 18 }, { width: 12 }, { width: 18 }] }).toBuffer()
}

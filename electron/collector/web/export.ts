import { z } from 'zod'
import { SATISFIED_SQL } from '../signals/levels'
import { scopeSql, SqlInt, type Scope, type SqlReader } from '../signals/sql-reader'
import { vnMidnight } from './layout'
import { officerLabels, officerTallies } from './queries'
import { reportCsv, reportXlsx, type ReportGroup, type ReportLine } from './report'
import { download, type WebReply } from './web-http'

const Line = z.looseObject({
  key: z.union([z.string(), z.number().transform(String)]).nullable(),
  total: SqlInt,
  satisfied: SqlInt.nullable().transform((v) => v ?? 0),
})

const GROUPS: [ReportGroup, string, (key: string | null) => string][] = [
  ['field', 'field_prefix', (k) => (k === null || k === '' ? 'Chung' : `Lĩnh vực ${k}`)],
  ['counter', 'counter_number', (k) => `Quầy ${k ?? '—'}`],
]

/** The month's report for one centre (month = YYYY-MM, Vietnam time), or null for a bad request. */
export async function exportReport(db: SqlReader, scope: Scope, centreId: string, centreName: string, month: string, format: string): Promise<WebReply | null> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || (format !== 'csv' && format !== 'xlsx')) return null
  const from = vnMidnight(`${month}-01`)
  const [y, m] = month.split('-').map(Number) as [number, number]
  const to = vnMidnight(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`)
  if (from === null || to === null) return null
  const s = scopeSql(scope)
  const lines: ReportLine[] = []
  for (const [group, column, label] of GROUPS) {
    const rows = z.array(Line).parse(
      await db.all(
        `SELECT ${column} AS key, COUNT(*) AS total, SUM(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied
           FROM ratings WHERE centre_id = ? AND created_at >= ? AND created_at < ?${s.sql} GROUP BY ${column} ORDER BY ${column}`,
        [centreId, from, to, ...s.params],
      ),
    )
    for (const r of rows) lines.push({ group, label: label(r.key), total: r.total, satisfied: r.satisfied })
  }
  // Officers by identity, not name (queries.ts, OfficerKey): two officers with one name are two lines.
  const officers = await officerTallies(db, centreId, { from, to }, scope)
  const labels = officerLabels(officers, 'mã')
  officers.forEach((o, i) => lines.push({ group: 'officer', label: labels[i] ?? o.name, total: o.total, satisfied: o.satisfied }))
  const report = { centreName, month, lines }
  const file = `bao-cao-hai-long-${centreId}-${month}`
  return format === 'csv'
    ? download('text/csv; charset=utf-8', `${file}.csv`, reportCsv(report))
    : download('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${file}.xlsx`, await reportXlsx(report))
}

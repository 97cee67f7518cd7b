import type { Scope, SqlReader } from '../signals/sql-reader'
import { html, jsonIsland, percent, table, type Html } from './html'
import { formatTime, t } from './i18n'
import { layout, periodForm, vnDay, type PageContext } from './layout'
import {
  breakdown,
  centreRanking,
  latestNegativeComments,
  levelCounts,
  officerLabels,
  officerTallies,
  reasonCounts,
  weeklyTrend,
  type OfficerKey,
  type WeekPoint,
} from './queries'

/** Trend charts: the last 8 weeks up to the period's end, whatever the period. */
const TREND_WEEKS = 8

function trendData(points: WeekPoint[], names: Map<string | null, string>) {
  const weeks = [...new Set(points.map((p) => p.weekStart))].sort((a, b) => a - b)
  const series = [...new Set(points.map((p) => p.centreId))].map((id) => ({
    label: names.get(id) ?? id ?? '—',
    data: weeks.map((w) => {
      const p = points.find((x) => x.centreId === id && x.weekStart === w)
      return p === undefined || p.total === 0 ? null : Math.round((1000 * p.satisfied) / p.total) / 10
    }),
  }))
  return { labels: weeks.map((w) => vnDay(w)), series }
}

/** A chart (drawn by dashboard.js from its JSON island) with the same figures as a table beside it for everyone. */
function trendBlock(ctx: PageContext, id: string, data: ReturnType<typeof trendData>): Html {
  const { lang } = ctx
  const rows = data.labels.map((label, i) => [label, ...data.series.map((s) => (s.data[i] === null ? '—' : `${s.data[i]} %`))])
  return html`<section aria-labelledby="${id}-h"><h2 id="${id}-h">${t(lang, 'trend')}</h2>
    <div class="chart"><canvas data-chart="${id}" role="img" aria-label="${t(lang, 'trend')}"></canvas></div>
    ${jsonIsland(id, data)}
    ${table(t(lang, 'trend'), [t(lang, 'weekOf'), ...data.series.map((s) => s.label)], rows)}</section>`
}

export async function overviewPage(db: SqlReader, ctx: PageContext, scope: Scope, period: { from: number; to: number }): Promise<Html> {
  const { lang } = ctx
  const ranking = await centreRanking(db, period, scope)
  const trendPeriod = { from: period.to - TREND_WEEKS * 7 * 86_400_000, to: period.to }
  const names = new Map(ranking.map((r) => [r.centreId, r.name]))
  const trend = trendData(await weeklyTrend(db, trendPeriod, scope), names)
  const rows = ranking.map((r, i) => [
    i + 1,
    r.centreId === null ? r.name : html`<a href="/dashboard/centre/${encodeURIComponent(r.centreId)}">${r.name}</a>`,
    r.total,
    r.satisfied,
    percent(r.satisfied, r.total, lang),
  ])
  const body = html`${periodForm(ctx, period)}
    ${ranking.length === 0 ? html`<p>${t(lang, 'noData')}</p>` : table(t(lang, 'ranking'), [t(lang, 'rank'), t(lang, 'centre'), t(lang, 'ratings'), t(lang, 'satisfied'), t(lang, 'rate')], rows)}
    ${trendBlock(ctx, 'trend-centres', trend)}`
  return layout(ctx, t(lang, 'overview'), body)
}

function tallyTable(ctx: PageContext, caption: string, keyHead: string, rows: { key: string | null; total: number; satisfied: number; href?: string }[]): Html {
  const { lang } = ctx
  return table(
    caption,
    [keyHead, t(lang, 'ratings'), t(lang, 'satisfied'), t(lang, 'rate')],
    rows.map((r) => [
      r.key === null ? '—' : r.href === undefined ? r.key : html`<a href="${r.href}">${r.key}</a>`,
      r.total,
      r.satisfied,
      percent(r.satisfied, r.total, lang),
    ]),
  )
}

function reasonsTable(ctx: PageContext, reasons: [string, number][]): Html {
  return table(t(ctx.lang, 'reasons'), [t(ctx.lang, 'reason'), t(ctx.lang, 'times')], reasons.map(([k, n]) => [k, n]))
}

export async function centrePage(db: SqlReader, ctx: PageContext, scope: Scope, centreId: string, centreName: string, period: { from: number; to: number }): Promise<Html> {
  const { lang } = ctx
  const byCentre = { sql: ' AND centre_id = ?', params: [centreId] }
  const [fields, counters, officers, reasons, comments] = [
    await breakdown(db, centreId, 'field_prefix', period, scope),
    await breakdown(db, centreId, 'counter_number', period, scope),
    await officerTallies(db, centreId, period, scope),
    await reasonCounts(db, byCentre, period, scope),
    await latestNegativeComments(db, centreId, scope),
  ]
  const trendPeriod = { from: period.to - TREND_WEEKS * 7 * 86_400_000, to: period.to }
  const trend = trendData(await weeklyTrend(db, trendPeriod, scope, byCentre), new Map([[centreId, centreName]]))
  // Linked by identity (device + officer id), never by name: two officers may share one.
  const labels = officerLabels(officers, t(lang, 'officerId'))
  const officerRows = officers.map((o, i) => ({ ...o, key: labels[i] ?? o.name, href: officerHref(centreId, o) }))
  const month = vnDay(period.to - 86_400_000).slice(0, 7)
  const exportBase = `/dashboard/export?centre=${encodeURIComponent(centreId)}&month=${month}`
  const body = html`${periodForm(ctx, period)}
    <p class="exports"><a href="${exportBase}&format=csv">${t(lang, 'exportCsv')} — ${month}</a>
      <a href="${exportBase}&format=xlsx">${t(lang, 'exportXlsx')} — ${month}</a></p>
    ${tallyTable(ctx, t(lang, 'byField'), t(lang, 'field'), fields)}
    ${tallyTable(ctx, t(lang, 'byCounter'), t(lang, 'counter'), counters)}
    ${tallyTable(ctx, t(lang, 'byOfficer'), t(lang, 'officer'), officerRows)}
    ${trendBlock(ctx, 'trend-centre', trend)}
    ${reasonsTable(ctx, reasons)}
    ${table(t(lang, 'comments'), [t(lang, 'time'), t(lang, 'counter'), t(lang, 'officer'), t(lang, 'comment')],
      comments.map((c) => [formatTime(c.at, lang), c.counterNumber, c.officerName, c.comment]))}`
  return layout(ctx, `${t(lang, 'centre')}: ${centreName}`, body)
}

export function officerHref(centreId: string, o: OfficerKey): string {
  return `/dashboard/officer?centre=${encodeURIComponent(centreId)}&device=${encodeURIComponent(o.deviceId)}&officer=${o.officerId}`
}

export async function officerPage(
  db: SqlReader,
  ctx: PageContext,
  scope: Scope,
  centreId: string,
  officer: OfficerKey,
  name: string,
  period: { from: number; to: number },
): Promise<Html> {
  const { lang } = ctx
  const where = { sql: ' AND centre_id = ? AND device_id = ? AND officer_id = ?', params: [centreId, officer.deviceId, officer.officerId] }
  const trendPeriod = { from: period.to - TREND_WEEKS * 7 * 86_400_000, to: period.to }
  const trend = trendData(await weeklyTrend(db, trendPeriod, scope, where), new Map([[centreId, name]]))
  const levels = await levelCounts(db, where, period, scope)
  const reasons = await reasonCounts(db, where, period, scope)
  const body = html`${periodForm(ctx, period, { centre: centreId, name })}
    ${table(t(lang, 'levels'), [t(lang, 'level'), t(lang, 'ratings')], levels.map((l) => [`${l.level}/${l.scale}`, l.n]))}
    ${trendBlock(ctx, 'trend-officer', trend)}
    ${reasonsTable(ctx, reasons)}`
  return layout(ctx, `${t(lang, 'officer')}: ${name}`, body)
}

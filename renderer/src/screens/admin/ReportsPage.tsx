import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Report, ReportGroup } from '../../../../shared/schemas/reports'
import type { DayRange } from '../../../../shared/schemas/staff'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'
import { dateTime, day, percent } from '../staff/format'
import { RangePicker } from '../staff/RangePicker'
import { useCall } from './use-call'

const GROUPS: ReportGroup[] = ['officer', 'counter', 'field']

/**
 * Tỷ lệ hài lòng per officer, counter or field over a period, laid out to print (the print stylesheet hides
 * everything but the report). Electron saves it as a PDF; the web host prints from the browser.
 */
export function ReportsPage() {
  const { t } = useTranslation()
  const [range, setRange] = useState<DayRange>({ kind: 'last', days: 30 })
  const [groupBy, setGroupBy] = useState<ReportGroup>('officer')
  const [report, setReport] = useState<Report | null>(null)
  const [status, setStatus] = useState('')
  const [info] = useCall(() => window.api.app.info({}))
  const electron = info.status === 'ready' && info.value.shell === 'electron'

  useEffect(() => {
    let live = true
    void window.api.reports.summary({ range, groupBy }).then((result) => {
      if (live) setReport(result.ok ? result.value : null)
    })
    return () => {
      live = false
    }
  }, [range, groupBy])

  const savePdf = async () => {
    const result = await window.api.reports.pdf({ range, groupBy })
    setStatus(result.ok ? t('admin.reports.pdfSaved', { file: result.value.file }) : t('admin.saveFailed'))
  }

  return (
    <section className="admin-page" aria-labelledby="reports-title">
      <h2 id="reports-title" className="section-title no-print">
        {t('admin.nav.reports')}
      </h2>
      <div className="no-print admin-page">
        <RangePicker range={range} onChange={setRange} />
        <div className="range" role="group" aria-label={t('admin.reports.groupBy')}>
          {GROUPS.map((g) => (
            <button key={g} type="button" className="button" aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
              {t(`admin.reports.by.${g}`)}
            </button>
          ))}
        </div>
        <div className="admin-form__actions">
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            {t('admin.reports.print')}
          </button>
          {electron && (
            <button type="button" className="button button--primary" onClick={() => void savePdf()}>
              {t('admin.reports.pdf')}
            </button>
          )}
        </div>
        <p role="status" className="admin-status">
          {status}
        </p>
      </div>
      {report !== null && <ReportSheet report={report} />}
    </section>
  )
}

function ReportSheet({ report }: { report: Report }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const levels = report.levels
  return (
    <article className="report" data-testid="report">
      <h3 className="report__title">{t('admin.reports.heading', { centre: report.centreName })}</h3>
      <p>
        {t('staff.period', { from: day(report.fromDay), to: day(report.toDay) })} · {t('admin.reports.generated', { at: dateTime(report.generatedAt) })}
      </p>
      <p className="report__total">
        {t('admin.reports.total', { count: report.total.total, rate: percent(report.total.rate, language) })}
      </p>
      <table className="admin-table report__table">
        <thead>
          <tr>
            <th>{t(`admin.reports.by.${report.groupBy}`)}</th>
            <th>{t('staff.total')}</th>
            {levels.map((l) => (
              <th key={l.key}>{localized(l.label, language)}</th>
            ))}
            <th>{t('staff.rate')}</th>
            <th>{t('admin.reports.topReasons')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={row.id ?? 'none'}>
              <td>{row.name}</td>
              <td>{row.tally.total}</td>
              {levels.map((l) => (
                <td key={l.key}>{row.levels.find((x) => x.key === l.key)?.count ?? 0}</td>
              ))}
              <td>{percent(row.tally.rate, language)}</td>
              <td>{row.topReasons.map((r) => `${localized(r.label, language)} (${r.count})`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  )
}

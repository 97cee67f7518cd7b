import { useTranslation } from 'react-i18next'
import { dateTime } from '../staff/format'
import { auditAction, auditTarget } from './audit-labels'
import { saveFile } from './download'
import { useCall } from './use-call'

/** The audit log, newest first. Read-only: the database refuses any change to it. */
export function AuditPage() {
  const { t } = useTranslation()
  const [entries] = useCall(() =>
    window.api.audit.list({ limit: 200, before: null, from: null, to: null, action: null }),
  )
  const exportCsv = async () => {
    const result = await window.api.audit.export({})
    if (!result.ok) return
    saveFile(result.value.fileName, [result.value.csv], 'text/csv;charset=utf-8')
  }
  return (
    <section className="admin-page" aria-labelledby="audit-title">
      <h2 id="audit-title" className="section-title">
        {t('admin.nav.audit')}
      </h2>
      <button type="button" className="button button--primary" onClick={() => void exportCsv()}>
        {t('admin.audit.export')}
      </button>
      {entries.status === 'ready' && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t('admin.audit.at')}</th>
              <th>{t('admin.audit.actor')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.value.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at)}</td>
                <td>{e.actorName || '—'}</td>
                <td>{auditAction(e, t)}</td>
                <td>{auditTarget(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

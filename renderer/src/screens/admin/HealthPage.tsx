import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiStore } from '../../stores/ui-store'
import { dateTime, megabytes } from '../staff/format'
import { DiagnosticsPackage } from './DiagnosticsPackage'
import { UpdatesSection } from './UpdatesSection'
import { useCall } from './use-call'

/** Sync & health at a glance: what is waiting to upload, what failed, the database, the app. */
export function HealthPage() {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const [health] = useCall(() => window.api.admin.health({}))
  const [sync, reloadSync] = useCall(() => window.api.sync.status({}))
  const [syncing, setSyncing] = useState(false)
  const when = (at: number | null) => (at === null ? t('admin.health.never') : dateTime(at))

  const syncNow = async () => {
    setSyncing(true)
    await window.api.sync.now({})
    setSyncing(false)
    reloadSync()
  }

  return (
    <section className="admin-page" aria-labelledby="health-title">
      <h2 id="health-title" className="section-title">
        {t('admin.nav.health')}
      </h2>
      {sync.status === 'ready' && (
        <dl className="facts" data-testid="sync-facts">
          <dt>{t('admin.health.state')}</dt>
          <dd>{t(`admin.health.states.${sync.value.state}`, { defaultValue: sync.value.state })}</dd>
          <dt>{t('admin.health.pending')}</dt>
          <dd>{sync.value.pending}</dd>
          <dt>{t('admin.health.dead')}</dt>
          <dd>{sync.value.dead}</dd>
          <dt>{t('admin.health.lastSuccess')}</dt>
          <dd>{when(sync.value.lastSuccessAt)}</dd>
          <dt>{t('admin.health.lastError')}</dt>
          <dd>{sync.value.lastError === null ? '—' : sync.value.lastError.message}</dd>
          <dt>{t('admin.health.nextAttempt')}</dt>
          <dd>{when(sync.value.nextAttemptAt)}</dd>
          <dt>{t('admin.health.disputesPending')}</dt>
          <dd>{sync.value.disputes.pending}</dd>
          <dt>{t('admin.health.disputesDead')}</dt>
          <dd>{sync.value.disputes.dead}</dd>
          <dt>{t('admin.health.disputesError')}</dt>
          <dd>{sync.value.disputes.lastError === null ? '—' : sync.value.disputes.lastError.message}</dd>
        </dl>
      )}
      <button type="button" className="button button--primary" disabled={syncing} onClick={() => void syncNow()}>
        {t(syncing ? 'admin.health.syncing' : 'admin.health.syncNow')}
      </button>
      {health.status === 'ready' && (
        <dl className="facts" data-testid="health-facts">
          <dt>{t('admin.health.dbSize')}</dt>
          <dd>{t('admin.health.megabytes', { value: megabytes(health.value.dbBytes, language) })}</dd>
          <dt>{t('admin.health.lastBackup')}</dt>
          <dd>{when(health.value.lastBackupAt)}</dd>
          <dt>{t('admin.health.lastCheck')}</dt>
          <dd>{when(health.value.lastIntegrityCheckAt)}</dd>
          <dt>{t('admin.health.openDisputes')}</dt>
          <dd>{health.value.openDisputes}</dd>
          <dt>{t('admin.health.version')}</dt>
          <dd>
            {t('admin.health.versionValue', {
              version: health.value.appVersion,
              schema: health.value.schemaVersion,
            })}
          </dd>
          <dt>{t('admin.health.deviceId')}</dt>
          <dd className="facts__mono">{health.value.deviceId}</dd>
        </dl>
      )}
      <UpdatesSection />
      <DiagnosticsPackage />
    </section>
  )
}

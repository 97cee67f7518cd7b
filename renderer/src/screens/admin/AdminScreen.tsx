import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { AdminConfig } from '../../../../shared/schemas/admin'
import type { Centre } from '../../../../shared/schemas/centre'
import { useAdminStore } from '../../stores/admin-store'
import { useAuthStore } from '../../stores/auth-store'
import { AreaFrame } from '../staff/AreaFrame'
import { LoginScreen } from '../staff/LoginScreen'
import { SessionFrame } from '../staff/SessionFrame'
import { AccountsPage } from './AccountsPage'
import { AuditPage } from './AuditPage'
import { BackupPage } from './BackupPage'
import { CountersPage } from './CountersPage'
import { DevicesPage } from './DevicesPage'
import { DisputesPage } from './DisputesPage'
import { ExportsPage } from './ExportsPage'
import { FieldsPage } from './FieldsPage'
import { HealthPage } from './HealthPage'
import { KioskPage } from './KioskPage'
import { OfficersPage } from './OfficersPage'
import { QueuePage } from './QueuePage'
import { RatingFormPage } from './RatingFormPage'
import { UploadPage } from './UploadPage'
import { ReportsPage } from './ReportsPage'
import './admin.css'

/** Each page of the admin area, in menu order. Pages that edit configuration get the loaded config. */
const PAGES: Record<string, (config: AdminConfig) => ReactNode> = {
  health: () => <HealthPage />,
  kiosk: (config) => <KioskPage config={config} />,
  upload: () => <UploadPage />,
  counters: (config) => <CountersPage config={config} />,
  officers: (config) => <OfficersPage config={config} />,
  fields: (config) => <FieldsPage config={config} />,
  queue: (config) => <QueuePage options={config.queue} />,
  ratingForm: (config) => <RatingFormPage form={config.ratingForm} />,
  disputes: () => <DisputesPage />,
  reports: () => <ReportsPage />,
  exports: () => <ExportsPage />,
  backup: () => <BackupPage />,
  accounts: () => <AccountsPage />,
  audit: () => <AuditPage />,
  devices: (config) => <DevicesPage config={config} />,
}

/** `/admin`: IT logs in (or creates the first admin on a new kiosk), then picks a page. */
export function AdminScreen({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const session = useAuthStore((s) => s.session)
  const logout = useAuthStore((s) => s.logout)
  const config = useAdminStore((s) => s.config)
  const loadConfig = useAdminStore((s) => s.load)
  const clearConfig = useAdminStore((s) => s.clear)
  const [page, setPage] = useState('health')
  const admin = session?.role === 'admin'

  useEffect(() => {
    // Arriving without a session of this page (e.g. after a reload) closes any session core still holds.
    if (!useAuthStore.getState().session) void logout()
  }, [logout])
  useEffect(() => {
    if (admin) void loadConfig()
    else clearConfig()
  }, [admin, loadConfig, clearConfig])

  const render = PAGES[page] ?? PAGES.health
  return (
    <AreaFrame centre={centre} area="admin" loggedIn={admin}>
      {admin ? (
          <SessionFrame>
            <nav className="admin-nav" aria-label={t('admin.title')}>
              {Object.keys(PAGES).map((name) => (
                <button
                  key={name}
                  type="button"
                  className="button admin-nav__item"
                  aria-current={page === name ? 'page' : undefined}
                  onClick={() => setPage(name)}
                >
                  {t(`admin.nav.${name}`)}
                </button>
              ))}
            </nav>
            <Link to="/counter" className="button">
              {t('queue.counterLink')}
            </Link>
            {config === null ? <p className="message">{t('app.loading')}</p> : render?.(config)}
          </SessionFrame>
        ) : (
          <LoginScreen role="admin" />
      )}
    </AreaFrame>
  )
}

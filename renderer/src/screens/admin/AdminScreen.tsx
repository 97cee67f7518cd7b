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

/** Each page of the admin area. Pages that edit configuration get the loaded config. */
const PAGES = {
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
} satisfies Record<string, (config: AdminConfig) => ReactNode>
type PageName = keyof typeof PAGES

/**
 * The menu, in groups, as a side column beside the page: fourteen buttons in a row filled a 1280×800 screen
 * before any content. A page missing from the menu does not compile (see `everyPageInMenu`).
 */
const MENU = [
  { group: 'status', pages: ['health', 'disputes'] },
  // Setup, ending with the centre network's paired PCs ("Thiết bị").
  { group: 'setup', pages: ['kiosk', 'counters', 'officers', 'fields', 'queue', 'ratingForm', 'upload', 'devices'] },
  { group: 'data', pages: ['reports', 'exports', 'backup'] },
  { group: 'security', pages: ['accounts', 'audit'] },
] as const satisfies readonly { group: string; pages: readonly PageName[] }[]
const everyPageInMenu: Exclude<PageName, (typeof MENU)[number]['pages'][number]> extends never ? true : never = true
void everyPageInMenu

/** `/admin`: IT logs in (or creates the first admin on a new kiosk), then picks a page. */
export function AdminScreen({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const session = useAuthStore((s) => s.session)
  const logout = useAuthStore((s) => s.logout)
  const config = useAdminStore((s) => s.config)
  const loadConfig = useAdminStore((s) => s.load)
  const clearConfig = useAdminStore((s) => s.clear)
  const [page, setPage] = useState<PageName>('health')
  const admin = session?.role === 'admin'

  useEffect(() => {
    // Arriving without a session of this page (e.g. after a reload) closes any session core still holds.
    if (!useAuthStore.getState().session) void logout()
  }, [logout])
  useEffect(() => {
    if (admin) void loadConfig()
    else clearConfig()
  }, [admin, loadConfig, clearConfig])

  const render = PAGES[page]
  return (
    <AreaFrame centre={centre} area="admin" loggedIn={admin}>
      {admin ? (
          <SessionFrame>
            <div className="admin-layout">
              <nav className="admin-nav" aria-label={t('admin.title')}>
                {MENU.map(({ group, pages }) => (
                  <div key={group} className="admin-nav__group" role="group" aria-labelledby={`admin-nav-${group}`}>
                    <span id={`admin-nav-${group}`} className="admin-nav__heading">
                      {t(`admin.navGroups.${group}`)}
                    </span>
                    {pages.map((name) => (
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
                  </div>
                ))}
                <Link to="/counter" className="button admin-nav__item">
                  {t('queue.counterLink')}
                </Link>
              </nav>
              <div className="admin-layout__page">
                {config === null ? <p className="message">{t('app.loading')}</p> : render(config)}
              </div>
            </div>
          </SessionFrame>
        ) : (
          <LoginScreen role="admin" />
      )}
    </AreaFrame>
  )
}

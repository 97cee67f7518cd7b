import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Centre } from '../../../../shared/schemas/centre'
import { TopBar } from '../../components/TopBar'
import { useAuthStore } from '../../stores/auth-store'
import { LoginScreen } from '../staff/LoginScreen'
import { SessionFrame } from '../staff/SessionFrame'
import { AccountsPage } from './AccountsPage'
import { AuditPage } from './AuditPage'
import { HealthPage } from './HealthPage'
import './admin.css'

const PAGES = { health: HealthPage, accounts: AccountsPage, audit: AuditPage } as const
type PageName = keyof typeof PAGES

/** `/admin`: IT logs in (or creates the first admin on a new kiosk), then picks a page. */
export function AdminScreen({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const session = useAuthStore((s) => s.session)
  const logout = useAuthStore((s) => s.logout)
  const [page, setPage] = useState<PageName>('health')

  useEffect(() => {
    // Arriving without a session of this page (e.g. after a reload) closes any session core still holds.
    if (!useAuthStore.getState().session) void logout()
  }, [logout])

  const Page = PAGES[page]
  return (
    <div className="screen screen--scroll">
      <TopBar centre={centre} />
      <main className="area area--admin">
        {session?.role === 'admin' ? (
          <SessionFrame>
            <nav className="admin-nav" aria-label={t('admin.title')}>
              {(Object.keys(PAGES) as PageName[]).map((name) => (
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
            <Page />
          </SessionFrame>
        ) : (
          <LoginScreen role="admin" />
        )}
      </main>
    </div>
  )
}

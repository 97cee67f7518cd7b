import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Centre } from '../../../../shared/schemas/centre'
import { TopBar } from '../../components/TopBar'

/** The frame of the staff and admin areas: the centre's bar, the area's title, and a way home while logged out. */
export function AreaFrame({
  centre,
  area,
  loggedIn,
  children,
}: {
  centre: Centre
  area: 'staff' | 'admin'
  loggedIn: boolean
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="screen screen--scroll">
      <TopBar centre={centre} />
      <main className={`area area--${area}`}>
        <h2 className="section-title">{t(`${area}.title`)}</h2>
        {children}
        {!loggedIn && (
          <Link to="/" className="button button--primary">
            {t('app.back')}
          </Link>
        )}
      </main>
    </div>
  )
}

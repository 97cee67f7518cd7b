import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Centre } from '../../../shared/schemas/centre'
import { TopBar } from '../components/TopBar'

/** The frame shared by the staff and admin areas: title, intro, a way home. */
export function AreaScreen({ centre, area }: { centre: Centre; area: 'staff' | 'admin' }) {
  const { t } = useTranslation()
  return (
    <div className="screen">
      <TopBar centre={centre} />
      <main className="area">
        <h2 className="section-title">{t(`${area}.title`)}</h2>
        <p className="message">{t(`${area}.intro`)}</p>
        <Link to="/" className="button button--primary">
          {t('app.back')}
        </Link>
      </main>
    </div>
  )
}

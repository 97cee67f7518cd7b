import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CentreOverview } from '../../../shared/schemas/centre'
import { CounterCard } from '../components/CounterCard'
import { TopBar } from '../components/TopBar'

/** The citizen home screen: who serves at which counter, and in which service fields. */
export function HomeScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="home">
        <h2 className="section-title">{t('home.counters')}</h2>
        <ul className="counter-grid">
          {overview.counters.map((counter) => (
            <CounterCard key={counter.id} counter={counter} fields={overview.fields} />
          ))}
        </ul>
      </main>
      <nav className="corner-links">
        <Link to="/staff" className="corner-link">
          {t('home.staff')}
        </Link>
        <Link to="/admin" className="corner-link">
          {t('home.admin')}
        </Link>
      </nav>
    </div>
  )
}

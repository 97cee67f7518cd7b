import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CentreOverview } from '../../../shared/schemas/centre'
import { CounterCard } from '../components/CounterCard'
import { TopBar } from '../components/TopBar'
import { CounterHome } from './CounterHome'
import { LobbyQueue } from './queue/LobbyQueue'
import { RateButton } from './rating/RateButton'

/**
 * The citizen home screen in lobby mode: the queue board, taking a number and rating side by side, then who serves
 * at which counter, and in which service fields.
 */
export function HomeScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  if (overview.kiosk.mode === 'counter') return <CounterHome overview={overview} />
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="home">
        <LobbyQueue overview={overview}>
          <RateButton />
        </LobbyQueue>
        <h2 className="section-title">{t('home.counters')}</h2>
        <ul className="counter-grid">
          {overview.counters.map((counter) => (
            <CounterCard key={counter.id} counter={counter} fields={overview.fields} />
          ))}
        </ul>
      </main>
      <nav className="corner-links">
        {/* Marked as opened by a citizen: the board then offers a way back and returns home when left idle. */}
        <Link to="/board" state={{ fromCitizen: true }} className="corner-link">
          {t('queue.boardLink')}
        </Link>
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

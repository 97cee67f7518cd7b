import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { TopBar } from '../../components/TopBar'
import { useAuthStore } from '../../stores/auth-store'
import { MyCounterLink } from '../staff/MyCounterLink'
import '../../components/queue/counter.css'

/** Which counter this screen drives: IT may pick any; an officer gets only the counter they are assigned to. */
export function CounterPickScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const admin = useAuthStore((s) => s.session?.role === 'admin')
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="area">
        <h2 className="section-title">{t('queue.staff.chooseTitle')}</h2>
        <p className="message">{t('queue.staff.pinNote')}</p>
        {admin ? (
          <ul className="counter-pick">
            {overview.counters
              .filter((c) => c.active)
              .map((c) => (
                <li key={c.id}>
                  <Link className="button button--primary counter-pick__button" to={`/counter/${c.id}`}>
                    {t('queue.counter', { number: c.number })}
                  </Link>
                </li>
              ))}
          </ul>
        ) : (
          <MyCounterLink />
        )}
        <Link to="/" className="button button--secondary">
          {t('app.back')}
        </Link>
      </main>
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { CentreOverview } from '../../../shared/schemas/centre'
import { useQueueConnection } from '../components/queue/use-queue'
import { TopBar } from '../components/TopBar'
import { localized } from '../i18n'
import { useQueueStore } from '../stores/queue-store'
import { useUiStore } from '../stores/ui-store'

/**
 * Counter mode: the kiosk faces the citizen at one counter and shows who serves there. When the officer
 * completes a ticket, the rating opens by itself (RatingLauncher).
 */
export function CounterHome({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const counter = overview.counters.find((c) => c.id === overview.kiosk.counterId)
  const officer = counter?.officer ?? null
  useQueueConnection()
  // The ticket being served here, as the queue pushes it (built-in or external queue alike).
  const serving = useQueueStore((s) => s.board?.counters.find((c) => c.counterId === overview.kiosk.counterId))
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="counter-home">
        {counter && <p className="counter-home__counter">{localized(counter.name, language)}</p>}
        {officer ? (
          <div className="counter-home__officer">
            {officer.photoUrl && <img className="counter-home__photo" src={`./${officer.photoUrl}`} alt="" />}
            <div>
              <p className="counter-home__name">{officer.fullName}</p>
              <p className="counter-home__title">{localized(officer.title, language)}</p>
            </div>
          </div>
        ) : (
          <p className="message">{t('home.noOfficer')}</p>
        )}
        <p className="counter-home__ticket" aria-live="polite">
          {serving?.ticketCode
            ? t('home.serving', { code: serving.ticketCode })
            : t('home.noTicket')}
        </p>
        <p className="counter-home__hint">{t('home.counterHint')}</p>
      </main>
    </div>
  )
}

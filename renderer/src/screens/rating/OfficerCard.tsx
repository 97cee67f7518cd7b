import { useTranslation } from 'react-i18next'
import type { OfficerView } from '../../../../shared/schemas/centre'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'
import type { RatingTarget } from '../../stores/rating-store'

/** Who is being rated: photo, name, title, counter and ticket — so the citizen rates the right person. */
export function OfficerCard({ target }: { target: RatingTarget }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const officer: OfficerView | null = target.kind === 'ticket' ? target.ticket.officer : target.counter.officer
  const counterNumber = target.kind === 'ticket' ? target.ticket.counterNumber : target.counter.number
  return (
    <section className="officer-card" aria-label={officer?.fullName}>
      {officer?.photoUrl && <img className="officer-card__photo" src={`./${officer.photoUrl}`} alt="" />}
      <div>
        <p className="officer-card__name">{officer?.fullName}</p>
        {officer && <p className="officer-card__title">{localized(officer.title, language)}</p>}
        <p className="officer-card__where">
          {t('rating.choose.counter', { number: counterNumber })}
          {target.kind === 'ticket' && ` · ${t('rating.choose.ticket', { code: target.ticket.ticketCode })}`}
        </p>
      </div>
    </section>
  )
}

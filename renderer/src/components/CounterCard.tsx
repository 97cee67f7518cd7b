import { useTranslation } from 'react-i18next'
import type { CounterView, ServiceField } from '../../../shared/schemas/centre'
import { localized } from '../i18n'
import { useUiStore } from '../stores/ui-store'

export function CounterCard({ counter, fields }: { counter: CounterView; fields: readonly ServiceField[] }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const served = fields.filter((f) => counter.fieldIds.includes(f.id))
  const officer = counter.officer
  return (
    <li className={`counter-card${counter.active ? '' : ' counter-card--closed'}`} data-testid={`counter-${counter.number}`}>
      <div className="counter-card__number" aria-hidden="true">
        {counter.number}
      </div>
      <div className="counter-card__body">
        <h3 className="counter-card__name">
          {localized(counter.name, language)}
          {!counter.active && <span className="badge badge--muted">{t('home.counterClosed')}</span>}
        </h3>
        {officer ? (
          <div className="officer">
            {officer.photoUrl && <img className="officer__photo" src={`./${officer.photoUrl}`} alt="" />}
            <div>
              <p className="officer__name">{officer.fullName}</p>
              <p className="officer__title">{localized(officer.title, language)}</p>
            </div>
          </div>
        ) : (
          <p className="officer officer--none">{t('home.noOfficer')}</p>
        )}
        <ul className="field-list" aria-label={t('home.fields')}>
          {served.map((f) => (
            <li key={f.id} className="field-chip">
              <span className="field-chip__prefix">{f.prefix}</span> {localized(f.name, language)}
            </li>
          ))}
        </ul>
      </div>
    </li>
  )
}

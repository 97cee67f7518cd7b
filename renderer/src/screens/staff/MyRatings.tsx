import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { MyRatings as MyRatingsData } from '../../../../shared/schemas/staff'
import { localized } from '../../i18n'
import { useStaffStore } from '../../stores/staff-store'
import { useUiStore } from '../../stores/ui-store'
import { DisputeButton } from './DisputeButton'
import { dateTime, day, percent } from './format'
import { levelTone } from './level-tone'
import { RangePicker } from './RangePicker'
import { TrendChart } from './TrendChart'

/** The officer's own numbers: only ratings of tickets they served. */
export function MyRatings() {
  const { t } = useTranslation()
  const range = useStaffStore((s) => s.range)
  const data = useStaffStore((s) => s.data)
  const error = useStaffStore((s) => s.error)
  const load = useStaffStore((s) => s.load)

  useEffect(() => {
    void load({ kind: 'last', days: 1 })
  }, [load])

  return (
    <div className="dashboard">
      <RangePicker range={range} onChange={(r) => void load(r)} />
      {error !== null && (
        <p className="login__error" role="alert">
          {t('staff.loadFailed')}
        </p>
      )}
      {data !== null && <Numbers data={data} onChange={() => void load(range)} />}
    </div>
  )
}

function Numbers({ data, onChange }: { data: MyRatingsData; onChange: () => void }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const max = Math.max(1, ...data.levels.map((l) => l.count))
  const scale = Math.max(1, ...data.levels.map((l) => l.value))
  return (
    <>
      <p className="dashboard__period">{t('staff.period', { from: day(data.fromDay), to: day(data.toDay) })}</p>
      <section className="stat-cards" aria-label={t('staff.summary')}>
        <div className="stat-card" data-testid="stat-total">
          <span className="stat-card__value">{data.tally.total}</span>
          <span className="stat-card__label">{t('staff.total')}</span>
        </div>
        <div className="stat-card" data-testid="stat-rate">
          <span className="stat-card__value">{percent(data.tally.rate, language)}</span>
          <span className="stat-card__label">{t('staff.rate')}</span>
        </div>
        <div className="stat-card" data-testid="stat-centre">
          <span className="stat-card__value">{percent(data.centre.rate, language)}</span>
          <span className="stat-card__label">{t('staff.centreRate', { count: data.centre.total })}</span>
        </div>
      </section>
      <div className="dashboard__grid">
        <section className="panel">
          <h3 className="panel__title">{t('staff.levels')}</h3>
          <ul className="bars">
            {data.levels.map((l) => (
              <li key={l.key} className={`bars__row bars__row--${levelTone(l.value, scale)}`} data-testid={`level-${l.key}`}>
                <span className="bars__label">{localized(l.label, language)}</span>
                {/* A drawn bar, not <meter>: Chromium colours a meter's bar by its own rules, not by the level. */}
                <span
                  className="bars__meter"
                  role="meter"
                  aria-valuemin={0}
                  aria-valuemax={max}
                  aria-valuenow={l.count}
                  aria-label={localized(l.label, language)}
                >
                  <span className="bars__fill" style={{ width: `${(100 * l.count) / max}%` }} />
                </span>
                <span className="bars__count">{l.count}</span>
              </li>
            ))}
          </ul>
          <h3 className="panel__title">{t('staff.reasons')}</h3>
          {data.reasons.length === 0 ? (
            <p>{t('staff.noReasons')}</p>
          ) : (
            <ul className="plain-list">
              {data.reasons.map((r) => (
                <li key={r.key}>
                  {localized(r.label, language)}: <strong>{r.count}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel">
          <h3 className="panel__title">{t('staff.trend')}</h3>
          <TrendChart trend={data.trend} />
        </section>
      </div>
      <section className="panel">
        <h3 className="panel__title">{t('staff.latest')}</h3>
        {data.latest.length === 0 ? (
          <p>{t('staff.noLatest')}</p>
        ) : (
          <ul className="comments">
            {data.latest.map((r) => (
              <li key={r.id} className="comment">
                <span className="comment__meta">
                  {dateTime(r.at)} · {r.ticketCode ?? '—'} · {localized(r.level.label, language)}
                </span>
                {r.comment !== '' && <p className="comment__text">{r.comment}</p>}
                <DisputeButton rating={r} onDone={onChange} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DayRange } from '../../../../shared/schemas/staff'

const PRESETS = [1, 7, 30] as const

/** Today / 7 days / 30 days, or two dates. Shared by the officer's dashboard, reports and exports. */
export function RangePicker({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslation()
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  return (
    <div className="range" role="group" aria-label={t('staff.range')}>
      {PRESETS.map((days) => (
        <button
          key={days}
          type="button"
          className="button range__preset"
          aria-pressed={range.kind === 'last' && range.days === days}
          onClick={() => onChange({ kind: 'last', days })}
        >
          {t(`staff.last${days}`)}
        </button>
      ))}
      <label className="field field--inline">
        <span className="field__label">{t('staff.from')}</span>
        <input type="date" className="field__input" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="field field--inline">
        <span className="field__label">{t('staff.to')}</span>
        <input type="date" className="field__input" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button
        type="button"
        className="button"
        aria-pressed={range.kind === 'custom'}
        disabled={from === '' || to === '' || from > to}
        onClick={() => onChange({ kind: 'custom', fromDay: from, toDay: to })}
      >
        {t('staff.apply')}
      </button>
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DayRange } from '../../../../shared/schemas/staff'
import { DayPicker } from './DayPicker'

const PRESETS = [1, 7, 30] as const

/** Today / 7 days / 30 days, or two days chosen on touch calendars (dd/mm/yyyy). Shared by the officer's dashboard, reports and exports. */
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
      <DayPicker label={t('staff.from')} value={from} onChange={setFrom} />
      <DayPicker label={t('staff.to')} value={to} onChange={setTo} />
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

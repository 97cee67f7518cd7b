import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { date, day } from './format'

/** "2026-11-26" for a year, a month (1–12) and a day. */
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** Today's service day in the centre's zone, as "yyyy-mm-dd" (the calendar opens on its month). */
function todayIso(): string {
  const [d, m, y] = date(Date.now()).split('/')
  return `${y}-${m}-${d}`
}

/** Monday-first weeks, as Vietnamese calendars print them: blanks before the 1st, then the days. */
function monthCells(year: number, month: number): (number | null)[] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay() // 0 = Sunday
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const blanks = (first + 6) % 7
  return [...Array.from({ length: blanks }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)]
}

interface Props {
  label: string
  /** "yyyy-mm-dd", or '' before a choice. */
  value: string
  onChange(value: string): void
}

/**
 * A day chosen on a month grid of large buttons, shown as dd/mm/yyyy: the browser's date input is small, shows
 * the OS's format (mm/dd/yyyy on an English Windows) and opens a pop-up that is hard to hit on a touch screen.
 */
export function DayPicker({ label, value, onChange }: Props) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const start = value !== '' ? value : todayIso()
  const [shown, setShown] = useState({ year: Number(start.slice(0, 4)), month: Number(start.slice(5, 7)) })
  const move = (step: number) => {
    const index = shown.year * 12 + (shown.month - 1) + step
    setShown({ year: Math.floor(index / 12), month: (index % 12) + 1 })
  }
  const monthName = `${t('staff.calendar.month', { month: shown.month })} / ${shown.year}`
  return (
    <div className="day-picker">
      <span className="field__label">{label}</span>
      <button type="button" className="button day-picker__value" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="visually-hidden">{label}: </span>
        {value === '' ? t('staff.calendar.choose') : day(value)}
      </button>
      {open && (
        <div className="day-picker__panel" role="group" aria-label={label}>
          <div className="day-picker__head">
            <button type="button" className="button" onClick={() => move(-1)} aria-label={t('staff.calendar.previous')}>
              ‹
            </button>
            <strong aria-live="polite">{monthName}</strong>
            <button type="button" className="button" onClick={() => move(1)} aria-label={t('staff.calendar.next')}>
              ›
            </button>
          </div>
          <div className="day-picker__grid">
            {(t('staff.calendar.weekdays', { returnObjects: true }) as string[]).map((w) => (
              <span key={w} className="day-picker__weekday" aria-hidden="true">
                {w}
              </span>
            ))}
            {monthCells(shown.year, shown.month).map((d, i) =>
              d === null ? (
                <span key={`blank-${i}`} />
              ) : (
                <button
                  key={d}
                  type="button"
                  className="day-picker__day"
                  aria-pressed={value === iso(shown.year, shown.month, d)}
                  onClick={() => {
                    onChange(iso(shown.year, shown.month, d))
                    setOpen(false)
                  }}
                >
                  {/* Named by the whole date (dd/mm/yyyy), shown as the day's number. */}
                  <span aria-hidden="true">{d}</span>
                  <span className="visually-hidden">{day(iso(shown.year, shown.month, d))}</span>
                </button>
              ),
            )}
          </div>
        </div>
      )}
    </div>
  )
}

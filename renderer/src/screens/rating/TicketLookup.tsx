import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import type { RatingForm } from '../../../../shared/schemas/rating'
import { localized } from '../../i18n'
import { useRatingStore } from '../../stores/rating-store'
import { useUiStore } from '../../stores/ui-store'
import { RecentTiles, useRecentTickets } from './RecentTiles'

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']

interface Props {
  overview: CentreOverview
  form: RatingForm | null
  error: string | null
  busy: boolean
}

/**
 * Lobby mode: the citizen finds their served ticket by the letter and number printed on it, on a large pad —
 * or holds the ticket's QR code to a USB scanner, which "types" the ticket id followed by Enter. When tickets were
 * completed in the last minutes, their numbers come first as tiles; the pad is one tap away ("Nhập số khác").
 */
export function TicketLookup({ overview, form, error, busy }: Props) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const lookup = useRatingStore((s) => s.lookup)
  const start = useRatingStore((s) => s.start)
  const fields = overview.fields.filter((f) => f.active)
  const [prefix, setPrefix] = useState(fields[0]?.prefix ?? 'A')
  const [digits, setDigits] = useState('')
  const scanned = useRef('')
  const recent = useRecentTickets()
  const [padChosen, setPadChosen] = useState(false)
  const loading = recent.startWithTiles === null
  // Tiles that all went away (rated, too old) give way to the pad.
  const showTiles = recent.startWithTiles === true && !padChosen && recent.tickets.length > 0

  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (event.key === 'Enter') {
        const text = scanned.current.trim()
        scanned.current = ''
        if (text !== '') void lookup(text)
      } else if (event.key.length === 1) {
        scanned.current = (scanned.current + event.key).slice(-64)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [lookup])

  const code = `${prefix}${digits.padStart(4, '0')}`
  const anonymous = overview.counters.filter((c) => form?.anonymousCounterIds.includes(c.id) && c.officer !== null)

  return (
    <div className="rating-step">
      <h2 className="rating-question">{t(showTiles ? 'rating.recent.question' : 'rating.lookup.title')}</h2>
      <p className="rating-hint">{t(showTiles ? 'rating.recent.hint' : 'rating.lookup.hint')}</p>
      {loading ? null : showTiles ? (
        <RecentTiles tickets={recent.tickets} busy={busy} onPick={(picked) => void lookup(picked)} onOther={() => setPadChosen(true)} />
      ) : (
        <div className="lookup">
          <div className="lookup__fields" role="group" aria-label={t('rating.lookup.field')}>
            {fields.map((f) => (
              <button
                key={f.id}
                type="button"
                className="pad-key pad-key--field"
                aria-pressed={prefix === f.prefix}
                onClick={() => setPrefix(f.prefix)}
              >
                <span className="pad-key__big">{f.prefix}</span>
                <span className="pad-key__small">{localized(f.name, language)}</span>
              </button>
            ))}
          </div>
          <div className="lookup__pad">
            <output className="lookup__display" aria-label={t('rating.lookup.display')} aria-live="polite">
              {digits === '' ? `${prefix}____` : code}
            </output>
            <div className="digit-pad">
              {DIGITS.map((d) => (
                <button
                  key={d}
                  type="button"
                  className="pad-key"
                  disabled={digits.length >= 4}
                  onClick={() => setDigits((digits + d).replace(/^0+(?=\d)/, '').slice(0, 4))}
                >
                  {d}
                </button>
              ))}
              <button type="button" className="pad-key" onClick={() => setDigits(digits.slice(0, -1))}>
                <span aria-hidden="true">⌫</span>
                <span className="visually-hidden">{t('rating.lookup.delete')}</span>
              </button>
            </div>
            <button
              type="button"
              className="button button--primary button--wide"
              disabled={digits === '' || busy}
              onClick={() => void lookup(code)}
            >
              {busy ? t('rating.lookup.searching') : t('rating.lookup.find')}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="notice notice--warning" role="alert">
          {t(`rating.errors.${error}`, { defaultValue: t('rating.errors.generic') })}
        </p>
      )}
      {anonymous.length > 0 && (
        <div className="anonymous">
          <p className="rating-hint">{t('rating.lookup.noTicket')}</p>
          <div className="anonymous__list">
            {anonymous.map((c) => (
              <button
                key={c.id}
                type="button"
                className="button button--secondary"
                onClick={() => void start({ kind: 'anonymous', counter: c })}
              >
                {t('rating.lookup.chooseCounter', { number: c.number })}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  )
}

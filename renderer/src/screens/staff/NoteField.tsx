import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { lazyPart } from '../../components/lazy-part'

const CommentKeyboard = lazyPart(() => import('../rating/CommentKeyboard').then((m) => m.CommentKeyboard))

interface Props {
  id: string
  label: string
  value: string
  maxLength: number
  onChange(value: string): void
}

/**
 * A short note typed on the kiosk's own on-screen keyboard (the citizens' comment keyboard, Telex included): an
 * officer at a touch-only kiosk has no other keyboard. Tapping the box opens it, "Xong" closes it; a physical
 * keyboard, where there is one, types through the same keyboard while it is open. One open keyboard at a time
 * per note, so two notes on one page never both take the keys.
 */
export function NoteField({ id, label, value, maxLength, onChange }: Props) {
  const { t } = useTranslation()
  const [typing, setTyping] = useState(false)
  return (
    <div className="note-field">
      <label className="field" htmlFor={id}>
        <span className="field__label">{label}</span>
      </label>
      <div className="note-field__row">
        <textarea
          id={id}
          className="field__input"
          rows={2}
          value={value}
          readOnly
          inputMode="none"
          onFocus={() => setTyping(true)}
          onClick={() => setTyping(true)}
        />
        {typing && (
          <button type="button" className="button button--primary" onClick={() => setTyping(false)}>
            {t('keyboard.done')}
          </button>
        )}
      </div>
      {typing && (
        <CommentKeyboard value={value} maxLength={maxLength} onChange={onChange} onDone={() => setTyping(false)} />
      )}
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const PIN_LENGTH = 6
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const

/**
 * The on-screen PIN pad: large keys, dots instead of digits, submits on the sixth digit. The PIN lives only in
 * this component's state until it is handed to `onSubmit`, then it is cleared.
 */
export function PinPad({ onSubmit, disabled }: { onSubmit: (pin: string) => void; disabled: boolean }) {
  const { t } = useTranslation()
  const [pin, setPin] = useState('')
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') return setPin('')
    if (key === 'back') return setPin((p) => p.slice(0, -1))
    const next = (pin + key).slice(0, PIN_LENGTH)
    if (next.length === PIN_LENGTH) {
      setPin('')
      onSubmit(next)
    } else setPin(next)
  }
  return (
    <div className="pin-pad">
      <p className="pin-pad__dots" role="status" aria-label={t('auth.pinEntered', { count: pin.length })}>
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot pin-dot--filled' : 'pin-dot'} aria-hidden="true" />
        ))}
      </p>
      <div className="pin-pad__keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            className={key === 'clear' ? 'button pin-key pin-key--word' : 'button pin-key'}
            disabled={disabled}
            aria-label={key === 'clear' ? t('auth.clear') : key === 'back' ? t('auth.backspace') : key}
            onClick={() => press(key)}
          >
            {key === 'clear' ? t('auth.clearShort') : key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
    </div>
  )
}

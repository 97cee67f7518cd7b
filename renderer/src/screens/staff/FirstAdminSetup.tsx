import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FirstAdminInputSchema } from '../../../../shared/schemas/auth'
import { useAuthStore } from '../../stores/auth-store'
import { PinPad } from './PinPad'

/**
 * A new kiosk has no admin: whoever sets it up (IT) names the first admin account and chooses its PIN, typed
 * twice. Core refuses this once any admin exists.
 */
export function FirstAdminSetup() {
  const { t } = useTranslation()
  const setup = useAuthStore((s) => s.setupFirstAdmin)
  const [name, setName] = useState('')
  const [first, setFirst] = useState<string | null>(null)
  const [message, setMessage] = useState('')

  const onPin = async (pin: string) => {
    if (first === null) {
      setFirst(pin)
      setMessage('')
      return
    }
    setFirst(null)
    if (pin !== first) return setMessage(t('auth.pinMismatch'))
    const input = FirstAdminInputSchema.safeParse({ displayName: name, pin })
    if (!input.success) return setMessage(t('auth.nameRequired'))
    const result = await setup(input.data.displayName, input.data.pin)
    if (result?.status !== 'ok') setMessage(t('auth.error'))
  }

  return (
    <div className="login">
      <h3 className="panel__title">{t('auth.setupTitle')}</h3>
      <p className="message">{t('auth.setupIntro')}</p>
      <label className="field">
        <span className="field__label">{t('auth.adminName')}</span>
        <input className="field__input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <p className="message">{t(first === null ? 'auth.choosePin' : 'auth.repeatPin')}</p>
      <PinPad onSubmit={(pin) => void onPin(pin)} disabled={name.trim() === ''} />
      <p className="login__error" role="alert">
        {message}
      </p>
    </div>
  )
}

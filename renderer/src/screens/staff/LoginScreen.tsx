import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LoginAccount, LoginResult, StaffRole } from '../../../../shared/schemas/auth'
import { useAuthStore } from '../../stores/auth-store'
import { FirstAdminSetup } from './FirstAdminSetup'
import { timeOfDay } from './format'
import { PinPad } from './PinPad'
import './staff.css'

/** What to tell the person after a refused PIN. Unknown account and wrong PIN read the same on purpose. */
export function loginMessage(result: LoginResult | null, t: TFunction): string {
  if (result === null) return t('auth.error')
  switch (result.status) {
    case 'ok':
      return ''
    case 'denied':
      return t('auth.denied')
    case 'locked':
      return t('auth.locked', { time: timeOfDay(result.retryAt) })
    case 'disabled':
      return t('auth.disabled')
  }
}

/** Pick your name (officers show photo and counter), then type the 6-digit PIN on the pad. */
export function LoginScreen({ role }: { role: StaffRole }) {
  const { t } = useTranslation()
  const directory = useAuthStore((s) => s.directory)
  const loadDirectory = useAuthStore((s) => s.loadDirectory)
  const login = useAuthStore((s) => s.login)
  const [chosen, setChosen] = useState<LoginAccount | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  useEffect(() => {
    void loadDirectory()
  }, [loadDirectory])

  if (directory === null) return <p className="message">{t('app.loading')}</p>
  if (role === 'admin' && !directory.hasAdmin) return <FirstAdminSetup />

  const accounts = directory.accounts.filter((a) => a.role === role)
  const submit = async (pin: string) => {
    if (chosen === null) return
    setBusy(true)
    setMessage('')
    const result = await login(chosen.id, pin)
    setBusy(false)
    setMessage(loginMessage(result, t))
  }

  return (
    <div className="login">
      <h3 className="panel__title">{t(role === 'admin' ? 'auth.adminTitle' : 'auth.staffTitle')}</h3>
      {chosen === null ? (
        <>
          <p className="message">{t(accounts.length === 0 ? 'auth.noAccounts' : 'auth.pickName')}</p>
          <ul className="login__accounts">
            {accounts.map((a) => (
              <li key={a.id}>
                <button type="button" className="button login__account" onClick={() => setChosen(a)}>
                  {a.photoUrl !== null && <img src={a.photoUrl} alt="" className="login__photo" />}
                  <span className="login__name">{a.displayName}</span>
                  {a.counterNumber !== null && (
                    <span className="login__counter">{t('auth.counter', { number: a.counterNumber })}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="login__pin">
          <p className="message">{t('auth.enterPin', { name: chosen.displayName })}</p>
          <PinPad onSubmit={(pin) => void submit(pin)} disabled={busy} />
          <p className="login__error" role="alert">
            {message}
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setChosen(null)
              setMessage('')
            }}
          >
            {t('auth.otherName')}
          </button>
        </div>
      )}
    </div>
  )
}

import { useCallback, useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useAuthStore } from '../../stores/auth-store'
import { useCentreStore } from '../../stores/centre-store'
import { useIdle } from '../rating/use-idle'

const WARN_SECONDS = 10
/** At most one `auth:touch` per this many ms: enough to keep core's idle clock in step with the screen. */
const TOUCH_EVERY_MS = 5_000

/**
 * Around every screen of a logged-in person: the name, "log out", the idle countdown in the last 10 s, and the
 * end of the session (idle, the 15-minute cap, or core saying it is over). Leaving clears all staff data and goes
 * to `leaveTo` (home, or the login of a staff window that stays at its counter).
 */
export function SessionFrame({ children, leaveTo = '/' }: { children: ReactNode; leaveTo?: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const session = useAuthStore((s) => s.session)
  const touch = useAuthStore((s) => s.touch)
  const logout = useAuthStore((s) => s.logout)
  const lastTouch = useRef(0)

  const leave = useCallback(() => {
    const wasAdmin = useAuthStore.getState().session?.role === 'admin'
    void logout()
    void navigate(leaveTo)
    // IT may have changed counters, officers or the kiosk mode: the citizen screens start from the new setup.
    if (wasAdmin) void useCentreStore.getState().load()
  }, [logout, navigate, leaveTo])
  const left = useIdle(session?.idleSeconds ?? 60, leave, WARN_SECONDS)

  useEffect(() => {
    const onActivity = () => {
      if (Date.now() - lastTouch.current < TOUCH_EVERY_MS) return
      lastTouch.current = Date.now()
      void touch()
    }
    window.addEventListener('pointerdown', onActivity, true)
    window.addEventListener('keydown', onActivity, true)
    return () => {
      window.removeEventListener('pointerdown', onActivity, true)
      window.removeEventListener('keydown', onActivity, true)
    }
  }, [touch])

  if (session === null) return null
  return (
    <div className="session">
      <div className="session__bar">
        <span className="session__name">{t('auth.signedInAs', { name: session.displayName })}</span>
        {left !== null && (
          <span className="session__warning" role="alert">
            {t('auth.idleWarning', { seconds: left })}
          </span>
        )}
        <button type="button" className="button button--primary" onClick={leave}>
          {t('auth.logout')}
        </button>
      </div>
      {children}
    </div>
  )
}

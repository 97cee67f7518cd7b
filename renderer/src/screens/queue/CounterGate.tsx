import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'
import type { StaffRole } from '../../../../shared/schemas/auth'
import type { Centre } from '../../../../shared/schemas/centre'
import { useAuthStore } from '../../stores/auth-store'
import { useCentreStore } from '../../stores/centre-store'
import { AreaFrame } from '../staff/AreaFrame'
import { LoginScreen } from '../staff/LoginScreen'
import { SessionFrame } from '../staff/SessionFrame'

/**
 * The counter controls are staff-only: core refuses every counter call without a session at that counter, and
 * this gate shows the PIN login until this page holds one. The session is this window's own (core keeps one per
 * client), so it stays open across tickets — the citizen-facing rating screen is another client and rates while
 * the officer is logged in here. The idle and 15-minute limits end it as anywhere else.
 */
export function CounterGate({ centre, children }: { centre: Centre; children: ReactNode }) {
  const { t } = useTranslation()
  const session = useAuthStore((s) => s.session)
  const logout = useAuthStore((s) => s.logout)
  const { pathname } = useLocation()
  const [role, setRole] = useState<StaffRole>('officer')

  useEffect(() => {
    // Arriving without a session of this page (e.g. after a reload) closes any session core still holds.
    if (!useAuthStore.getState().session) void logout()
  }, [logout])

  if (session !== null) {
    // A staff window opened at a counter's address, like a paired console, stays at its login when the session
    // ends; a kiosk goes home.
    const atConsole = useCentreStore.getState().state.overview?.device?.role === 'console'
    const leaveTo = atConsole || window.location.hash.startsWith('#/counter') ? pathname : '/'
    return <SessionFrame leaveTo={leaveTo}>{children}</SessionFrame>
  }
  return (
    <AreaFrame centre={centre} area="staff" loggedIn={false}>
      <h3 className="panel__title">{t('queue.staff.loginTitle')}</h3>
      <LoginScreen key={role} role={role} />
      <button type="button" className="button" onClick={() => setRole(role === 'officer' ? 'admin' : 'officer')}>
        {t(role === 'officer' ? 'queue.staff.asAdmin' : 'queue.staff.asOfficer')}
      </button>
    </AreaFrame>
  )
}

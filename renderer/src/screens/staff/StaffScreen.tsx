import { useEffect } from 'react'
import type { Centre } from '../../../../shared/schemas/centre'
import { useAuthStore } from '../../stores/auth-store'
import { useStaffStore } from '../../stores/staff-store'
import { AreaFrame } from './AreaFrame'
import { LoginScreen } from './LoginScreen'
import { MyCounterLink } from './MyCounterLink'
import { MyRatings } from './MyRatings'
import { SessionFrame } from './SessionFrame'

/** `/staff`: an officer logs in with their PIN, sees their own ratings and opens their counter's controls. */
export function StaffScreen({ centre }: { centre: Centre }) {
  const session = useAuthStore((s) => s.session)
  const logout = useAuthStore((s) => s.logout)
  const clear = useStaffStore((s) => s.clear)
  const officer = session?.role === 'officer'

  useEffect(() => {
    // Arriving without a session of this page (e.g. after a reload) closes any session core still holds.
    if (!useAuthStore.getState().session) void logout()
  }, [logout])
  useEffect(() => {
    if (!officer) clear()
  }, [officer, clear])

  return (
    <AreaFrame centre={centre} area="staff" loggedIn={officer}>
      {officer ? (
          <SessionFrame>
            <MyCounterLink />
            <MyRatings />
          </SessionFrame>
        ) : (
          <LoginScreen role="officer" />
      )}
    </AreaFrame>
  )
}

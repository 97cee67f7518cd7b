import { useEffect } from 'react'
import type { Centre } from '../../../../shared/schemas/centre'
import { TopBar } from '../../components/TopBar'
import { useAuthStore } from '../../stores/auth-store'
import { useStaffStore } from '../../stores/staff-store'
import { LoginScreen } from './LoginScreen'
import { MyRatings } from './MyRatings'
import { SessionFrame } from './SessionFrame'

/** `/staff`: an officer logs in with their PIN and sees their own ratings. */
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
    <div className="screen screen--scroll">
      <TopBar centre={centre} />
      <main className="area area--staff">
        {officer ? (
          <SessionFrame>
            <MyRatings />
          </SessionFrame>
        ) : (
          <LoginScreen role="officer" />
        )}
      </main>
    </div>
  )
}

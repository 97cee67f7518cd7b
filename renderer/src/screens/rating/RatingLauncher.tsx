import { useEffect, useRef } from 'react'
import { useLocation, useNavigate } from 'react-router'
import type { KioskSettings } from '../../../../shared/schemas/centre'
import type { CounterRatingOffer } from '../../../../shared/schemas/rating'
import { useAuthStore } from '../../stores/auth-store'
import { useRatingStore } from '../../stores/rating-store'
import { useUiStore } from '../../stores/ui-store'

/** Screens a citizen uses. Staff, admin, counter-control and TV board screens are never turned into a rating. */
const CITIZEN_SCREEN = /^\/(?:rate|ticket|take\/\d+)?$/

/**
 * Counter mode: when the officer completes a ticket, core pushes `rating:requested` and this screen opens the
 * rating for that ticket and officer; when the offer ends elsewhere (`rating:withdrawn`: the officer called or
 * served another ticket, another screen answered or cancelled) an open rating closes at once.
 *
 * Core keeps the offer, so asking it again is harmless: an answered, cancelled or superseded offer is never
 * returned. The screen asks once when it becomes a citizen screen (start, reload, back from the staff area), not
 * on every route change. Only on citizen screens without a staff session: an officer's window keeps its controls.
 */
export function RatingLauncher({ kiosk }: { kiosk: KioskSettings }) {
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const staffLoggedIn = useAuthStore((s) => s.session !== null)
  const counterMode = kiosk.mode === 'counter' && kiosk.counterId !== null
  const active = counterMode && !staffLoggedIn && CITIZEN_SCREEN.test(pathname)
  // react-router gives a new navigate on every route change; the effects below must not restart because of it.
  const navigateRef = useRef(navigate)
  useEffect(() => {
    navigateRef.current = navigate
  }, [navigate])

  useEffect(() => {
    if (!active) return
    let live = true
    const open = (offer: CounterRatingOffer) => {
      void useRatingStore
        .getState()
        .startOffer(offer)
        .then((stillOffered) => {
          if (live && stillOffered) void navigateRef.current('/rate')
        })
    }
    void window.api.rating.open({}).then((result) => {
      if (live && result.ok && result.value) open(result.value)
    })
    const off = window.api.on('rating:requested', (offer) => {
      if (offer.counterId === kiosk.counterId) open(offer)
    })
    return () => {
      live = false
      off()
    }
  }, [active, kiosk.counterId])

  useEffect(() => {
    if (!counterMode) return
    return window.api.on('rating:withdrawn', ({ ticketUid }) => {
      const { offer, flow } = useRatingStore.getState()
      if (offer?.ticketUid !== ticketUid) return
      useRatingStore.getState().forgetOffer(ticketUid)
      // A rating being saved or already thanked for stays on screen; one still being answered closes.
      if (flow.step === 'choose' || flow.step === 'reasons') {
        useUiStore.getState().resetForNextCitizen()
        void navigateRef.current('/')
      }
    })
  }, [counterMode])

  return null
}

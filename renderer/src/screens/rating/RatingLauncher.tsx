import { useEffect } from 'react'
import { useNavigate } from 'react-router'
import type { KioskSettings } from '../../../../shared/schemas/centre'
import { useRatingStore } from '../../stores/rating-store'

/**
 * Counter mode: when the officer completes a ticket, core pushes `rating:requested` and this kiosk opens the
 * rating for that ticket and officer. On start it also asks whether a rating is already open (after a reload).
 */
export function RatingLauncher({ kiosk }: { kiosk: KioskSettings }) {
  const navigate = useNavigate()
  const start = useRatingStore((s) => s.start)
  const counterMode = kiosk.mode === 'counter' && kiosk.counterId !== null

  useEffect(() => {
    if (!counterMode) return
    let live = true
    const open = (ticket: Parameters<typeof start>[0] & { kind: 'ticket' }) => {
      void start(ticket).then(() => live && navigate('/rate'))
    }
    void window.api.rating.open({}).then((result) => {
      if (live && result.ok && result.value) open({ kind: 'ticket', ticket: result.value })
    })
    const off = window.api.on('rating:requested', (ticket) => {
      if (ticket.counterId === kiosk.counterId) open({ kind: 'ticket', ticket })
    })
    return () => {
      live = false
      off()
    }
  }, [counterMode, kiosk.counterId, navigate, start])

  return null
}

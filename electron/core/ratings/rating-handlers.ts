import { RatingReceiptSchema } from '../../../shared/schemas/rating'
import { getSetting } from '../config/config-repo'
import { oncePerKey } from '../devices/idempotent'
import { AppError } from '../errors'
import { recordSystemEvent } from '../system/system-events'
import type { Handlers } from '../dispatch'
import type { HandlerDeps } from '../handlers'
import { lookupTicket, openRatingAtCounter, submitRating } from './rating-service'

type RatingCall = 'rating:form' | 'rating:lookup' | 'rating:open' | 'rating:submit'

export function createRatingHandlers({ db, clock, deviceId, hub, log, auth }: HandlerDeps): Pick<Handlers, RatingCall> {
  const deps = { db, clock, deviceId }
  const recordFailure = (error: unknown) => {
    try {
      hub.emit('system:event', recordSystemEvent(db, clock.now(), 'rating.failed', String(error)))
    } catch (second) {
      log.error('could not record a failed rating either', second) // the database itself is failing
    }
  }
  return {
    'rating:form': () => getSetting(db, 'ratingForm'),
    'rating:lookup': ({ query }) => lookupTicket(deps, query),
    'rating:open': (_input, { device }) => {
      // A paired counter screen rates at its own counter, whatever the hub's own screen is set to.
      if (device !== undefined) {
        return device.role === 'counter-screen' && device.counterId !== null
          ? openRatingAtCounter(deps, device.counterId)
          : null
      }
      const kiosk = getSetting(db, 'kiosk')
      return kiosk.mode === 'counter' && kiosk.counterId !== null ? openRatingAtCounter(deps, kiosk.counterId) : null
    },
    'rating:submit': (input, ctx) => {
      const { clientId, device } = ctx
      // The officer being rated must not rate from the staff area: refused while *this* client holds a staff
      // session. The citizen screen beside an officer's window is another client and rates freely.
      if (auth.current(clientId) !== null) throw new AppError('FORBIDDEN', 'a staff session is active: log out first')
      try {
        const mode = device === undefined ? getSetting(db, 'kiosk').mode : device.role === 'counter-screen' ? 'counter' : 'lobby'
        return oncePerKey(db, ctx, 'rating:submit', clock.now(), RatingReceiptSchema, () => submitRating(deps, input, mode))
      } catch (error) {
        // Expected refusals are the citizen's answer; anything else lost a rating and IT must hear of it.
        if (!(error instanceof AppError)) recordFailure(error)
        throw error
      }
    },
  }
}

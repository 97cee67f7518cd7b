import { getSetting } from '../config/config-repo'
import { AppError } from '../errors'
import { recordSystemEvent } from '../system/system-events'
import type { Handlers } from '../dispatch'
import type { HandlerDeps } from '../handlers'
import { lookupTicket, openRatingAtCounter, submitRating } from './rating-service'

type RatingCall = 'rating:form' | 'rating:lookup' | 'rating:open' | 'rating:submit'

export function createRatingHandlers({ db, clock, deviceId, hub, log }: HandlerDeps): Pick<Handlers, RatingCall> {
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
    'rating:open': () => {
      const kiosk = getSetting(db, 'kiosk')
      return kiosk.mode === 'counter' && kiosk.counterId !== null ? openRatingAtCounter(deps, kiosk.counterId) : null
    },
    // The officer being rated must not rate from the staff area: the contract opens this call to citizens only,
    // so a client holding a staff session is refused in dispatch. The citizen screen beside an officer's window is
    // another client and rates freely.
    'rating:submit': (input) => {
      try {
        return submitRating(deps, input, getSetting(db, 'kiosk').mode)
      } catch (error) {
        // Expected refusals are the citizen's answer; anything else lost a rating and IT must hear of it.
        if (!(error instanceof AppError)) recordFailure(error)
        throw error
      }
    },
  }
}

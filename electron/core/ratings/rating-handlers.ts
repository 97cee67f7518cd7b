import { getSetting } from '../config/config-repo'
import { AppError } from '../errors'
import { recordSystemEvent } from '../system/system-events'
import type { Handlers } from '../dispatch'
import type { HandlerDeps } from '../handlers'
import type { RatingWithdrawn } from '../../../shared/schemas/rating'
import { dismissRating, lookupTicket, openRatingAtCounter, submitRating } from './rating-service'

type RatingCall = 'rating:form' | 'rating:lookup' | 'rating:open' | 'rating:submit' | 'rating:dismiss'

export function createRatingHandlers({ db, clock, deviceId, hub, log, chainVault }: HandlerDeps): Pick<Handlers, RatingCall> {
  const deps = { db, clock, deviceId, vault: chainVault }
  const recordFailure = (error: unknown) => {
    try {
      hub.emit('system:event', recordSystemEvent(db, clock.now(), 'rating.failed', String(error)))
    } catch (second) {
      log.error('could not record a failed rating either', second) // the database itself is failing
    }
  }
  // After the commit: every screen showing that counter's offer closes at once.
  const withdraw = (ended: readonly (RatingWithdrawn | null)[]) => {
    for (const offer of ended) if (offer !== null) hub.emit('rating:withdrawn', offer)
  }
  return {
    'rating:form': () => getSetting(db, 'ratingForm'),
    'rating:lookup': ({ query }) => lookupTicket(deps, query),
    'rating:open': () => {
      const kiosk = getSetting(db, 'kiosk')
      if (kiosk.mode !== 'counter' || kiosk.counterId === null) return null
      const { offer, withdrawn } = openRatingAtCounter(deps, kiosk.counterId)
      withdraw(withdrawn)
      return offer
    },
    // Citizens only (the contract's rule): an officer cannot wave away the rating of their own service.
    'rating:dismiss': ({ ticketUid }) => {
      const ended = dismissRating(deps, ticketUid)
      withdraw([ended])
      return { dismissed: ended !== null }
    },
    // The officer being rated must not rate from the staff area: the contract opens this call to citizens only,
    // so a client holding a staff session is refused in dispatch. The citizen screen beside an officer's window is
    // another client and rates freely.
    'rating:submit': (input) => {
      let saved: ReturnType<typeof submitRating>
      try {
        saved = submitRating(deps, input, getSetting(db, 'kiosk').mode)
      } catch (error) {
        // Expected refusals are the citizen's answer; anything else lost a rating and IT must hear of it.
        if (!(error instanceof AppError)) recordFailure(error)
        throw error
      }
      withdraw([saved.withdrawn])
      return saved.receipt
    },
  }
}

import { getSetting } from '../config/config-repo'
import type { Handlers } from '../dispatch'
import type { HandlerDeps } from '../handlers'
import { lookupTicket, openRatingAtCounter, submitRating } from './rating-service'

type RatingCall = 'rating:form' | 'rating:lookup' | 'rating:open' | 'rating:submit'

export function createRatingHandlers({ db, clock, deviceId }: HandlerDeps): Pick<Handlers, RatingCall> {
  const deps = { db, clock, deviceId }
  return {
    'rating:form': () => getSetting(db, 'ratingForm'),
    'rating:lookup': ({ query }) => lookupTicket(deps, query),
    'rating:open': () => {
      const kiosk = getSetting(db, 'kiosk')
      return kiosk.mode === 'counter' && kiosk.counterId !== null ? openRatingAtCounter(deps, kiosk.counterId) : null
    },
    'rating:submit': (input) => submitRating(deps, input, getSetting(db, 'kiosk').mode),
  }
}

import { z } from 'zod'
import { RatingReceiptSchema, RatingWithdrawnSchema } from '../../../shared/schemas/rating'
import { getSetting } from '../config/config-repo'
import { oncePerKey } from '../devices/idempotent'
import { AppError } from '../errors'
import { recordSystemEvent } from '../system/system-events'
import type { CallContext, Handlers } from '../dispatch'
import type { HandlerDeps } from '../handlers'
import type { RatingWithdrawn } from '../../../shared/schemas/rating'
import { recentTickets } from './recent-tickets'
import { dismissRating, lookupTicket, openRatingAtCounter, submitRating, type RatingPlace } from './rating-service'

/** What a rating's transaction answers, kept per idempotency key for a paired device's retry. */
const SavedSchema = z.strictObject({ receipt: RatingReceiptSchema, withdrawn: RatingWithdrawnSchema.nullable() })

type RatingCall = 'rating:form' | 'rating:lookup' | 'rating:recent' | 'rating:open' | 'rating:submit' | 'rating:dismiss'

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
  /**
   * Where the citizen rates: a paired counter screen at its own counter (whatever the hub's own screen is set
   * to), a paired lobby kiosk in the lobby, and the hub's own screen as its kiosk settings say.
   */
  const placeOf = (device: CallContext['device']): RatingPlace => {
    if (device !== undefined) {
      return device.role === 'counter-screen' && device.counterId !== null
        ? { mode: 'counter', counterId: device.counterId }
        : { mode: 'lobby' }
    }
    const kiosk = getSetting(db, 'kiosk')
    return kiosk.mode === 'counter' && kiosk.counterId !== null ? { mode: 'counter', counterId: kiosk.counterId } : { mode: 'lobby' }
  }
  return {
    'rating:form': () => getSetting(db, 'ratingForm'),
    'rating:lookup': ({ query }) => lookupTicket(deps, query),
    'rating:recent': () => recentTickets(db, clock.now()),
    'rating:open': (_input, { device }) => {
      const place = placeOf(device)
      if (place.mode !== 'counter') return null
      const { offer, withdrawn } = openRatingAtCounter(deps, place.counterId)
      withdraw(withdrawn)
      return offer
    },
    // Citizens only (the contract's rule): an officer cannot wave away the rating of their own service. A paired
    // counter screen ends only its own counter's offer.
    'rating:dismiss': ({ ticketUid }, { device }) => {
      const ended = dismissRating(deps, ticketUid, device?.counterId ?? null)
      withdraw([ended])
      return { dismissed: ended !== null }
    },
    // The officer being rated must not rate from the staff area: the contract opens this call to citizens only,
    // so a client holding a staff session is refused in dispatch. The citizen screen beside an officer's window is
    // another client and rates freely. A paired device's write runs once per idempotency key (a retry after a
    // dropped link gets the first answer, never a second row).
    'rating:submit': (input, ctx) => {
      let saved: ReturnType<typeof submitRating>
      try {
        const place = placeOf(ctx.device)
        saved = oncePerKey(db, ctx, 'rating:submit', clock.now(), SavedSchema, () => submitRating(deps, input, place))
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

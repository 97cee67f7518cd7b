import type { EventName } from '../../shared/channels'
import type { Result } from '../../shared/result'
import type { CounterRatingOffer, RatingWithdrawn } from '../../shared/schemas/rating'
import type { QueueBoard } from '../../shared/schemas/queue'

/** A call's answer with the stream number the hub read when it began the call (null: the hub did not say). */
export interface Sequenced<T> {
  result: Result<T>
  seq: number | null
}

export interface ResyncOptions {
  emit(event: EventName, payload: unknown): void
  board(): Promise<Sequenced<QueueBoard>>
  /** The open offer at this counter screen's counter; a null `seq` (nothing to apply) on any other PC. */
  offer(): Promise<Sequenced<CounterRatingOffer | null>>
  /** This PC's counter as the hub last said it (a moved counter screen follows at once). */
  counterId(): number | null
}

export interface Resync {
  /** A new stream said hello: numbers start again from there, then a fresh picture is taken. */
  streamUp(): Promise<void>
  /** An event from the stream, already checked against the contract: passed on unless it is older than the picture. */
  event(name: EventName, payload: unknown, seq: number): void
  /** A hole in the numbers: take a fresh picture. */
  gap(): Promise<void>
}

/**
 * Keeps a client's screens from ever going back in time around a reconnect. The board arrives two ways — in
 * `queue:changed` events and in the snapshot taken after a (re)connect — and the two race: the snapshot's answer
 * can arrive after an event newer than it, and an event the hub sent before the snapshot began can arrive after
 * it. Both carry a number (the event its `id`, the snapshot the stream number read before the hub began the call,
 * see wire.ts SEQ_HEADER), and only something newer than what is shown is passed on.
 *
 * The same holds for a counter screen's rating offer: an offer pushed (or ended) while the link was down is not
 * in the stream the screen gets back, so the offer at its counter is asked for again; an offer the screen was
 * shown that ended meanwhile is withdrawn, and one it already shows is not pushed twice (that would restart the
 * citizen's rating).
 */
export function createResync(options: ResyncOptions): Resync {
  // Each stream numbers from its hello; a picture taken for an older stream must not land on a newer one.
  let epoch = 0
  let boardSeq = -1
  let ratingSeq = -1
  /** The offer at this PC's counter that its screens were last told of (requested and not withdrawn). */
  let shown: CounterRatingOffer | null = null

  const withdraw = (offer: CounterRatingOffer) => {
    const ended: RatingWithdrawn = { counterId: offer.counterId, ticketUid: offer.ticketUid, reason: 'superseded' }
    options.emit('rating:withdrawn', ended)
  }

  const board = async (mine: number) => {
    const { result, seq } = await options.board()
    if (!result.ok || mine !== epoch || seq === null || seq < boardSeq) return
    boardSeq = seq
    options.emit('queue:changed', result.value)
  }

  const offer = async (mine: number) => {
    const { result, seq } = await options.offer()
    if (!result.ok || mine !== epoch || seq === null || seq < ratingSeq) return
    ratingSeq = seq
    const now = result.value
    if (shown !== null && shown.ticketUid !== now?.ticketUid) withdraw(shown)
    if (now !== null && now.ticketUid !== shown?.ticketUid) options.emit('rating:requested', now)
    shown = now
  }

  const picture = async () => {
    const mine = epoch
    await Promise.all([board(mine), offer(mine)])
  }

  return {
    streamUp() {
      epoch += 1
      boardSeq = -1
      ratingSeq = -1
      return picture()
    },
    gap: picture,
    event(name, payload, seq) {
      if (name === 'queue:changed') {
        if (seq <= boardSeq) return
        boardSeq = seq
      } else if (name === 'rating:requested' || name === 'rating:withdrawn') {
        if (seq <= ratingSeq) return
        ratingSeq = seq
        // Both payloads name their counter and ticket (checked against the contract by the caller).
        const { counterId, ticketUid } = payload as { counterId: number; ticketUid: string }
        if (counterId === options.counterId()) {
          if (name === 'rating:requested') {
            if (shown?.ticketUid === ticketUid) return // already on screen, from the picture taken at reconnect
            shown = payload as CounterRatingOffer
          } else if (shown?.ticketUid === ticketUid) shown = null
        }
      }
      options.emit(name, payload)
    },
  }
}

import { create } from 'zustand'
import type { CounterView } from '../../../shared/schemas/centre'
import type { CounterRatingOffer, RatableTicket, RatingForm, RatingLevel } from '../../../shared/schemas/rating'
import type { ErrorCode } from '../../../shared/result'
import { cutToCodePoints } from '../../../shared/text'
import { useUiStore } from './ui-store'

/** Who is being rated: the officer of a served ticket, or (where IT allows it) a counter without a ticket. */
export type RatingTarget = { kind: 'ticket'; ticket: RatableTicket } | { kind: 'anonymous'; counter: CounterView }

export type RatingStep =
  | { step: 'lookup'; error: ErrorCode | null; busy: boolean }
  | { step: 'choose'; target: RatingTarget }
  | {
      step: 'reasons'
      target: RatingTarget
      level: RatingLevel
      reasons: string[]
      comment: string
      /** The on-screen keyboard is open for the comment. */
      typing: boolean
    }
  | { step: 'saving' }
  | { step: 'thanks' }
  | { step: 'refused'; error: ErrorCode }
  | { step: 'failed' }

/**
 * Counter mode: the offer this screen shows. `closesAt` is on this screen's monotonic clock (performance.now), set
 * from core's remaining time, so the window ends on time even if this screen's wall clock differs from core's.
 */
export interface ShownOffer {
  ticketUid: string
  closesAt: number
}

interface RatingState {
  form: RatingForm | null
  flow: RatingStep
  offer: ShownOffer | null
  /** Counter mode: opens the flow for the counter's offer; false if the offer ended while the form was loading. */
  startOffer(offer: CounterRatingOffer): Promise<boolean>
  /** Counter mode: core says this offer ended; the screen stops treating it as shown. */
  forgetOffer(ticketUid: string): void
  /** Opens the flow at the ticket-number pad (lobby mode). */
  startLookup(): Promise<void>
  /** Opens the flow for a known target (counter mode, or after a lookup). */
  start(target: RatingTarget): Promise<void>
  lookup(query: string): Promise<void>
  chooseLevel(level: RatingLevel): Promise<void>
  toggleReason(key: string): void
  setComment(comment: string): void
  setTyping(typing: boolean): void
  submit(): Promise<void>
}

async function loadForm(): Promise<RatingForm | null> {
  const result = await window.api.rating.form({})
  return result.ok ? result.value : null
}

/**
 * The citizen's rating, one step at a time. Nothing is stored until `submit` returns from core after COMMIT;
 * leaving the flow (idle, home) simply drops this state, so an unfinished rating leaves no trace.
 */
export const useRatingStore = create<RatingState>()((set, get) => {
  async function save(target: RatingTarget, levelKey: string, reasons: string[], comment: string): Promise<void> {
    set({ flow: { step: 'saving' } })
    const result = await window.api.rating.submit({
      ticketUid: target.kind === 'ticket' ? target.ticket.ticketUid : null,
      counterId: target.kind === 'anonymous' ? target.counter.id : null,
      levelKey,
      reasons,
      comment,
      language: useUiStore.getState().language,
    })
    // UNAVAILABLE: the hub is away and the client's retries (same key) ran out — nothing was stored, so the
    // citizen is told so; only an answer from the hub after COMMIT says "Cảm ơn".
    if (result.ok) set({ flow: { step: 'thanks' } })
    else if (['ALREADY_RATED', 'EXPIRED', 'NOT_SERVED', 'TOO_SOON', 'NOT_FOUND', 'UNAVAILABLE'].includes(result.error.code)) {
      set({ flow: { step: 'refused', error: result.error.code } })
    } else set({ flow: { step: 'failed' } })
  }

  return {
    form: null,
    flow: { step: 'lookup', error: null, busy: false },
    offer: null,

    async startOffer(offer) {
      set({ offer: { ticketUid: offer.ticketUid, closesAt: performance.now() + offer.remainingMs } })
      await get().start({ kind: 'ticket', ticket: offer })
      return get().offer?.ticketUid === offer.ticketUid
    },

    forgetOffer(ticketUid) {
      if (get().offer?.ticketUid === ticketUid) set({ offer: null })
    },

    async startLookup() {
      set({ form: await loadForm(), flow: { step: 'lookup', error: null, busy: false } })
    },

    async start(target) {
      const form = await loadForm()
      set(form ? { form, flow: { step: 'choose', target } } : { form, flow: { step: 'failed' } })
    },

    async lookup(query) {
      set({ flow: { step: 'lookup', error: null, busy: true } })
      const result = await window.api.rating.lookup({ query })
      if (result.ok) await get().start({ kind: 'ticket', ticket: result.value })
      else set({ flow: { step: 'lookup', error: result.error.code, busy: false } })
    },

    async chooseLevel(level) {
      const { flow } = get()
      if (flow.step !== 'choose') return
      if (level.negative) {
        set({ flow: { step: 'reasons', target: flow.target, level, reasons: [], comment: '', typing: false } })
      }
      else await save(flow.target, level.key, [], '')
    },

    toggleReason(key) {
      const { flow } = get()
      if (flow.step !== 'reasons') return
      const reasons = flow.reasons.includes(key) ? flow.reasons.filter((r) => r !== key) : [...flow.reasons, key]
      set({ flow: { ...flow, reasons } })
    },

    setComment(comment) {
      const { flow, form } = get()
      if (flow.step !== 'reasons') return
      // Cut in code points at a grapheme boundary, as the counter counts: a UTF-16 cut could leave half an emoji,
      // a lone surrogate the contract refuses.
      set({ flow: { ...flow, comment: cutToCodePoints(comment, form?.commentMaxLength ?? 0) } })
    },

    setTyping(typing) {
      const { flow } = get()
      if (flow.step === 'reasons') set({ flow: { ...flow, typing } })
    },

    async submit() {
      const { flow } = get()
      if (flow.step !== 'reasons') return
      await save(flow.target, flow.level.key, flow.reasons, flow.comment)
    },
  }
})

import crypto from 'node:crypto'
import type {
  CounterRatingOffer,
  RatableTicket,
  RatingReceipt,
  RatingRecord,
  RatingSubmit,
  RatingWithdrawn,
} from '../../../shared/schemas/rating'
import { codePointLength } from '../../../shared/text'
import type { Clock } from '../clock'
import { getCounterNumber, getFieldPrefix, getOfficerView, getSetting, officerAt } from '../config/config-repo'
import type { Db } from '../db/open'
import { cached } from '../db/statements'
import { AppError } from '../errors'
import { getTicketById, getTicketByUid, findLatestByCode, type TicketRow } from '../queue/ticket-repo'
import { canonicalJson } from '../../../shared/protocol/canonical-json'
import { extend } from '../../../shared/protocol/chain'
import { openHead, writeHead } from './chain-repo'
import type { ChainVault } from './chain-seal'
import { answerOffer, dismissOffer, openOfferTicket, supersedeOffers } from './rating-offers'

export interface RatingDeps {
  db: Db
  clock: Clock
  deviceId: string
}

/** Saving a rating also needs the chain's key, which only this device's vault opens. */
export interface SubmitDeps extends RatingDeps {
  vault: ChainVault
}

/** Tickets are shown as a field letter and four digits; a QR code carries the ticket's uid instead. */
const TICKET_CODE = /^[A-Z]\d{4}$/

/** Why a ticket cannot be rated, or its rating details. Throws AppError with a code the renderer explains. */
function ratable(deps: RatingDeps, ticket: TicketRow, windowMs: number): RatableTicket {
  if (ticket.status !== 'completed' || ticket.completed_at === null || ticket.counter_id === null) {
    throw new AppError('NOT_SERVED', `ticket ${ticket.code} has not been served yet`)
  }
  if (ticket.officer_id === null) throw new AppError('NOT_SERVED', `ticket ${ticket.code} has no serving officer`)
  const rated = cached(deps.db, 'SELECT 1 FROM ratings WHERE ticket_id = ?').get(ticket.id)
  if (rated !== undefined) throw new AppError('ALREADY_RATED', `ticket ${ticket.code} has been rated already`)
  const expiresAt = ticket.completed_at + windowMs
  if (deps.clock.now() > expiresAt) throw new AppError('EXPIRED', `ticket ${ticket.code} can no longer be rated`)
  const officer = getOfficerView(deps.db, ticket.officer_id)
  const counterNumber = getCounterNumber(deps.db, ticket.counter_id)
  if (officer === null || counterNumber === null) throw new Error(`ticket ${ticket.id} points at missing rows`)
  return {
    ticketUid: ticket.uid,
    ticketCode: ticket.code,
    counterId: ticket.counter_id,
    counterNumber,
    officer,
    completedAt: ticket.completed_at,
    expiresAt,
  }
}

const INSERT_RATING = `
  INSERT INTO ratings (uuid, seq, ticket_id, ticket_code, counter_id, officer_id, field_id, officer_name,
                       counter_number, field_prefix, level, level_key, level_label, scale, reasons, comment,
                       language, mode, created_at, link)
  VALUES (@uuid, @seq, @ticketId, @ticketCode, @counterId, @officerId, @fieldId, @officerName,
          @counterNumber, @fieldPrefix, @level, @levelKey, @levelLabel, @scale, @reasons, @comment,
          @language, @mode, @createdAt, @link)`

const LAST_ANONYMOUS_AT =
  'SELECT created_at FROM ratings WHERE id = (SELECT max(id) FROM ratings WHERE ticket_id IS NULL)'

/** Lobby mode: the citizen typed the number on their ticket, or scanned its QR code (the uid). */
export function lookupTicket(deps: RatingDeps, query: string): RatableTicket {
  const q = query.trim().toUpperCase()
  const ticket = TICKET_CODE.test(q) ? findLatestByCode(deps.db, q) : getTicketByUid(deps.db, query.trim())
  if (ticket === null) throw new AppError('NOT_FOUND', `no ticket ${query.slice(0, 20)}`)
  const form = getSetting(deps.db, 'ratingForm')
  return ratable(deps, ticket, form.lobbyWindowMinutes * 60_000)
}

/**
 * Counter mode: the rating this counter offers now — the ticket it completed last, while the citizen has neither
 * answered nor cancelled, the officer has not moved on to another ticket and the rating window is open. Offers the
 * officer has moved past are ended here too (returned, for the push), in case the queue's own check did not run.
 */
export function openRatingAtCounter(
  deps: RatingDeps,
  counterId: number,
): { offer: CounterRatingOffer | null; withdrawn: RatingWithdrawn[] } {
  const { db, clock } = deps
  return db
    .transaction(() => {
      const now = clock.now()
      const withdrawn = supersedeOffers(db, now)
      const ticketId = openOfferTicket(db, counterId)
      const ticket = ticketId === null ? null : getTicketById(db, ticketId)
      if (ticket === null) return { offer: null, withdrawn }
      try {
        const target = ratable(deps, ticket, getSetting(db, 'ratingForm').counterWindowSeconds * 1000)
        return { offer: { ...target, remainingMs: Math.max(0, target.expiresAt - now) }, withdrawn }
      } catch (error) {
        // Rated already (e.g. in the lobby), past its window, or its officer is gone: nothing to offer.
        if (error instanceof AppError) return { offer: null, withdrawn }
        throw error
      }
    })
    .immediate()
}

/** Counter mode: the citizen cancelled the offered rating. Ends the offer only; nothing is rated. */
export function dismissRating(deps: RatingDeps, ticketUid: string, screenCounterId: number | null = null): RatingWithdrawn | null {
  const { db, clock } = deps
  return db
    .transaction(() => {
      const ticket = getTicketByUid(db, ticketUid)
      if (ticket === null) throw new AppError('NOT_FOUND', 'no such ticket')
      // A paired counter screen waves away only its own counter's rating, never another counter's.
      if (screenCounterId !== null && ticket.counter_id !== screenCounterId) {
        throw new AppError('FORBIDDEN', `ticket ${ticket.code} was not served at this screen's counter`)
      }
      return dismissOffer(db, ticket.id, clock.now())
    })
    .immediate()
}

/**
 * Stores one rating, its outbox entry and its chain link in one transaction; returns only after COMMIT, so the
 * renderer shows "thank you" only for a rating that is on disk. Every rule is checked here, in core — the
 * renderer's checks are for the citizen's comfort, not for trust.
 */
/** Where the citizen rates: at a counter's own screen (counter mode), or in the lobby by ticket number / QR. */
export type RatingPlace = { mode: 'counter'; counterId: number } | { mode: 'lobby' }

export function submitRating(
  deps: SubmitDeps,
  input: RatingSubmit,
  place: RatingPlace,
): { receipt: RatingReceipt; withdrawn: RatingWithdrawn | null } {
  const { db, clock } = deps
  const { mode } = place
  return db
    .transaction(() => {
      const form = getSetting(db, 'ratingForm')
      const level = form.levels.find((l) => l.key === input.levelKey)
      if (level === undefined) throw new AppError('BAD_INPUT', `unknown level: ${input.levelKey}`)
      const known = new Set(form.reasons.map((r) => r.key))
      const unknown = input.reasons.filter((r) => !known.has(r))
      if (unknown.length > 0) throw new AppError('BAD_INPUT', `reasons not in the form: ${unknown.join(', ')}`)
      if (new Set(input.reasons).size !== input.reasons.length) throw new AppError('BAD_INPUT', 'reasons repeat')
      if (!level.negative && (input.reasons.length > 0 || input.comment !== '')) {
        throw new AppError('BAD_INPUT', 'reasons and comments belong to a negative rating only')
      }
      // The contract already gave NFC without lone surrogates; trimmed here because a comment keeps inner lines.
      // Counted in code points, as the keyboard counts it (shared/text.ts).
      const comment = input.comment.normalize('NFC').trim()
      if (codePointLength(comment) > form.commentMaxLength) {
        throw new AppError('BAD_INPUT', `comment longer than ${form.commentMaxLength} characters`)
      }

      const now = clock.now()
      let ticket: TicketRow | null = null
      // The officer and counter number as they are now (the chain signs them); a ticket's were read by ratable().
      let counterId: number
      let officer: RatableTicket['officer'] | null
      let counterNumber: number | null
      if (input.ticketUid !== null) {
        ticket = getTicketByUid(db, input.ticketUid)
        if (ticket === null) throw new AppError('NOT_FOUND', 'no such ticket')
        const windowMs =
          mode === 'counter' ? form.counterWindowSeconds * 1000 : form.lobbyWindowMinutes * 60_000
        const target = ratable(deps, ticket, windowMs)
        // A counter screen rates only what its counter offers: a cancelled or superseded offer stays closed even
        // for a screen that missed the push and still shows it.
        supersedeOffers(db, now)
        // A counter's screen rates its own counter's tickets only (a paired screen at counter 2 never rates 3).
        if (place.mode === 'counter' && target.counterId !== place.counterId) {
          throw new AppError('FORBIDDEN', `ticket ${ticket.code} was not served at this screen's counter`)
        }
        if (mode === 'counter' && openOfferTicket(db, target.counterId) !== ticket.id) {
          throw new AppError('EXPIRED', `ticket ${ticket.code} is no longer offered for rating at its counter`)
        }
        counterId = target.counterId
        officer = target.officer
        counterNumber = target.counterNumber
      } else {
        if (input.counterId === null) throw new AppError('BAD_INPUT', 'a rating needs a ticket or a counter')
        if (place.mode === 'counter' && input.counterId !== place.counterId) {
          throw new AppError('FORBIDDEN', "a counter's screen rates its own counter only")
        }
        if (!form.anonymousCounterIds.includes(input.counterId)) {
          throw new AppError('FORBIDDEN', 'this counter takes ratings with a ticket only')
        }
        // The pause runs from the rating without a ticket written last (the highest id: one step down the
        // ticket_id index, where max(created_at) read every such rating of the year). A time ahead of the clock
        // means the clock was set back since: that rating does not hold the counter shut until the clock
        // catches up with it.
        const last = cached(db, LAST_ANONYMOUS_AT, 'pluck').get()
        if (typeof last === 'number' && now >= last && now - last < form.anonymousIntervalSeconds * 1000) {
          throw new AppError('TOO_SOON', 'please wait a moment before the next rating')
        }
        const officerId = officerAt(db, input.counterId, now)
        if (officerId === null) throw new AppError('CONFLICT', 'no officer at this counter')
        counterId = input.counterId
        officer = getOfficerView(db, officerId)
        counterNumber = getCounterNumber(db, counterId)
      }
      if (officer === null || counterNumber === null) throw new AppError('NOT_FOUND', 'unknown counter or officer')

      const head = openHead(db, deps.vault)
      const uuid = crypto.randomUUID()
      const record: Omit<RatingRecord, 'link'> = {
        uuid,
        seq: head.seq + 1,
        deviceId: deps.deviceId,
        ticketCode: ticket?.code ?? null,
        counterNumber,
        officerId: officer.id,
        officerName: officer.fullName,
        fieldPrefix: ticket ? getFieldPrefix(db, ticket.field_id) : null,
        level: level.value,
        levelKey: level.key,
        levelLabel: level.label.vi,
        scale: form.scale,
        reasons: input.reasons,
        comment,
        language: input.language,
        mode,
        createdAt: now,
      }
      const { link, head: next } = extend(head, canonicalJson(record))
      const ratingId = Number(
        cached(db, INSERT_RATING).run({
            ...record,
            ticketId: ticket?.id ?? null,
            counterId,
            fieldId: ticket?.field_id ?? null,
            reasons: JSON.stringify(record.reasons),
            link,
          }).lastInsertRowid,
      )
      cached(db, "INSERT INTO outbox (kind, ref_id, state) VALUES ('rating', ?, 'pending')").run(ratingId)
      writeHead(db, deps.vault, next)
      const withdrawn = ticket === null ? null : answerOffer(db, ticket.id, now)
      return { receipt: { uuid, seq: record.seq, createdAt: now }, withdrawn }
    })
    .immediate()
}

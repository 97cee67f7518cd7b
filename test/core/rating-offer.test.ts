import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { EventName } from '../../shared/channels'
import type { CentreOverview } from '../../shared/schemas/centre'
import type { IssuedTicket } from '../../shared/schemas/queue'
import type { CounterRatingOffer, RatingWithdrawn } from '../../shared/schemas/rating'
import type { Core } from '../../electron/core/core'
import { offerTicket, supersedeOffers } from '../../electron/core/ratings/rating-offers'
import { cheapCost } from '../auth/helpers'
import { fixedClock, OTHER_CLIENT, testCore } from '../helpers/core'
import { staffInvoke } from '../helpers/counter-staff'
import { happyRating } from '../helpers/ratings'
import { tempDir } from '../helpers/temp-dir'
import { demoIds, errorCode, query, value, writeSetting } from '../queue/helpers'

/**
 * Counter mode's rating offer, end to end through core on a real SQLite file: IT works counter 1 (the staff
 * client), the citizen screen at counter 1 is another client. Each way an offer ends is checked, and that an ended
 * offer never comes back — on the next question, nor after core is reopened on the same file.
 */

async function counterKiosk(options: { dataDir?: string; clock?: ReturnType<typeof fixedClock> } = {}) {
  const clock = options.clock ?? fixedClock()
  const dataDir = options.dataDir ?? tempDir()
  const core = testCore({ clock, dataDir, pinCost: cheapCost })
  const seen: { event: EventName; payload: unknown }[] = []
  core.subscribe((event, payload) => seen.push({ event, payload }))
  const { field, counter } = await demoIds(core)
  const overview = await value<CentreOverview>(core.invoke('centre:overview', {}, OTHER_CLIENT))
  writeSetting(core.dbFile, 'kiosk', { ...overview.kiosk, mode: 'counter', counterId: counter[1] })
  const staff = (verb: string) => value(staffInvoke(core, `queue:${verb}`, { counterId: counter[1] }))
  return {
    core,
    clock,
    dataDir,
    staff,
    take: () => value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, OTHER_CLIENT)),
    open: () => value<CounterRatingOffer | null>(core.invoke('rating:open', {}, OTHER_CLIENT)),
    of: <T>(name: EventName) => seen.filter((e) => e.event === name).map((e) => e.payload as T),
    /** Takes a number, calls it and completes it at counter 1. */
    async serveOne(): Promise<IssuedTicket> {
      const ticket = await this.take()
      await staff('callNext')
      await staff('complete')
      return ticket
    },
  }
}

function offerState(core: Core): { state: string; ended_at: number | null }[] {
  return query(core.dbFile, 'SELECT state, ended_at FROM rating_offers')
}

describe('counter mode rating offer', () => {
  it('offers the ticket just completed with the rest of its window, and ends when the citizen answers', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    expect(k.of<CounterRatingOffer>('rating:requested')).toMatchObject([{ ticketUid: a1.uid, remainingMs: 60_000 }])
    k.clock.advance(20_000)
    expect(await k.open()).toMatchObject({ ticketUid: a1.uid, ticketCode: 'A0001', remainingMs: 40_000 })
    await value(k.core.invoke('rating:submit', happyRating(a1.uid), OTHER_CLIENT))
    expect(k.of<RatingWithdrawn>('rating:withdrawn')).toEqual([
      { counterId: expect.any(Number), ticketUid: a1.uid, reason: 'answered' },
    ])
    expect(await k.open()).toBeNull()
    expect(offerState(k.core)).toEqual([{ state: 'answered', ended_at: k.clock.now() }])
  })

  it('ends when the citizen cancels: only dismissed, never rated, and it never reopens, even after a restart', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    expect(await value(k.core.invoke('rating:dismiss', { ticketUid: a1.uid }, OTHER_CLIENT))).toEqual({ dismissed: true })
    expect(k.of<RatingWithdrawn>('rating:withdrawn')).toMatchObject([{ ticketUid: a1.uid, reason: 'dismissed' }])
    expect(await k.open()).toBeNull()
    expect(await value(k.core.invoke('rating:dismiss', { ticketUid: a1.uid }, OTHER_CLIENT))).toEqual({ dismissed: false })
    // A screen that still shows it (it missed the push) cannot rate it either; nothing is written.
    expect(await errorCode(k.core.invoke('rating:submit', happyRating(a1.uid), OTHER_CLIENT))).toBe('EXPIRED')
    expect(query(k.core.dbFile, 'SELECT count(*) AS n FROM ratings')).toEqual([{ n: 0 }])

    k.core.close()
    const again = await counterKiosk({ dataDir: k.dataDir, clock: k.clock })
    expect(await again.open()).toBeNull()
    expect(offerState(again.core)).toEqual([{ state: 'dismissed', ended_at: k.clock.now() }])
    // The lobby's own rules stay as they were: the ticket can still be found by its number there.
    expect(await errorCode(again.core.invoke('rating:lookup', { query: 'A0001' }, OTHER_CLIENT))).toBe('ok')
  })

  it('refuses a dismiss of an unknown ticket, and from a window where staff are logged in', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    expect(await errorCode(k.core.invoke('rating:dismiss', { ticketUid: 'no-such-ticket' }, OTHER_CLIENT))).toBe('NOT_FOUND')
    // staffInvoke logged IT in on its own client: that window cannot wave the citizen's rating away.
    expect(await errorCode(staffInvoke(k.core, 'rating:dismiss', { ticketUid: a1.uid }))).toBe('FORBIDDEN')
    expect(await k.open()).toMatchObject({ ticketUid: a1.uid })
  })

  it('ends when the officer calls the next number, and stays ended after a restart; the next completion is offered', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    await k.take()
    k.clock.advance(3_000)
    await k.staff('callNext')
    expect(k.of<RatingWithdrawn>('rating:withdrawn')).toMatchObject([{ ticketUid: a1.uid, reason: 'superseded' }])
    expect(await k.open()).toBeNull()
    expect(await errorCode(k.core.invoke('rating:submit', happyRating(a1.uid), OTHER_CLIENT))).toBe('EXPIRED')

    k.core.close()
    const again = await counterKiosk({ dataDir: k.dataDir, clock: k.clock })
    expect(await again.open()).toBeNull()
    await again.staff('complete')
    expect(await again.open()).toMatchObject({ ticketCode: 'A0002' })
  })

  it('ends at the end of the rating window without any timer, by the injected clock', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    k.clock.advance(60_000)
    expect(await k.open()).toMatchObject({ ticketUid: a1.uid, remainingMs: 0 })
    k.clock.advance(1)
    expect(await k.open()).toBeNull()
    expect(await errorCode(k.core.invoke('rating:submit', happyRating(a1.uid), OTHER_CLIENT))).toBe('EXPIRED')
  })

  it('a rating made in the lobby ends the counter offer of that ticket', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    const kiosk = query<{ value: string }>(k.core.dbFile, "SELECT value FROM settings WHERE key = 'kiosk'")[0]
    writeSetting(k.core.dbFile, 'kiosk', { ...JSON.parse(kiosk?.value ?? '{}'), mode: 'lobby', counterId: null })
    await value(k.core.invoke('rating:submit', happyRating(a1.uid), OTHER_CLIENT))
    expect(k.of<RatingWithdrawn>('rating:withdrawn')).toMatchObject([{ ticketUid: a1.uid, reason: 'answered' }])
    expect(offerState(k.core)).toMatchObject([{ state: 'answered' }])
  })
})

describe('what supersedes an offer (the rule over the queue rows)', () => {
  /** Offers A0001 at counter 1, then writes one queue event at that counter as a queue source would. */
  async function afterEvent(kind: 'called' | 'recalled' | 'serving', of: 'offered' | 'another') {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    const a2 = await k.take()
    const db = new Database(k.core.dbFile)
    try {
      const ticketId = db.prepare('SELECT id FROM tickets WHERE uid = ?').pluck().get(of === 'offered' ? a1.uid : a2.uid)
      const counterId = db.prepare('SELECT counter_id FROM rating_offers').pluck().get()
      db.prepare('INSERT INTO ticket_events (ticket_id, at, kind, counter_id) VALUES (?, ?, ?, ?)').run(
        ticketId,
        k.clock.now(),
        kind,
        counterId,
      )
      return { ended: supersedeOffers(db, k.clock.now()), a1, counterId }
    } finally {
      db.close()
    }
  }

  it.each(['called', 'recalled', 'serving'] as const)('%s of another ticket at the counter ends it', async (kind) => {
    const { ended, a1, counterId } = await afterEvent(kind, 'another')
    expect(ended).toEqual([{ counterId, ticketUid: a1.uid, reason: 'superseded' }])
  })

  it('a recall of the offered ticket itself does not end it', async () => {
    const { ended } = await afterEvent('recalled', 'offered')
    expect(ended).toEqual([])
  })

  it('another ticket already called at the counter ends it, whatever order the rows were written in', async () => {
    const k = await counterKiosk()
    const a1 = await k.serveOne()
    await k.take()
    await k.staff('callNext')
    const db = new Database(k.core.dbFile)
    try {
      // As if the completion were seen after the call (one external snapshot carrying both).
      db.prepare("UPDATE rating_offers SET state = 'open', ended_at = NULL, since_event_id = 1e9").run()
      expect(supersedeOffers(db, k.clock.now())).toMatchObject([{ ticketUid: a1.uid, reason: 'superseded' }])
      const ticketId = db.prepare('SELECT id FROM tickets WHERE uid = ?').pluck().get(a1.uid) as number
      const counterId = db.prepare('SELECT counter_id FROM rating_offers').pluck().get() as number
      // The same completion seen again (the next snapshot) does not reopen it.
      expect(offerTicket(db, ticketId, counterId, k.clock.now())).toBeNull()
      expect(db.prepare('SELECT state FROM rating_offers').pluck().get()).toBe('superseded')
    } finally {
      db.close()
    }
  })
})

import { appendAudit } from '../audit/audit-repo'
import { officerIdOf, staffActor } from '../access'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { getDispute, listDisputes, openDispute, resolveDispute } from './dispute-repo'

type DisputeCall = 'staff:dispute' | 'disputes:list' | 'disputes:resolve'

/**
 * Disputes: the officer flags, IT or a leader resolves, both audit-logged and queued for upload (one outbox row
 * per state change, see dispute-repo) in the same transaction.
 */
export function createDisputeHandlers({ db, clock }: { db: Db; clock: Clock }): Pick<Handlers, DisputeCall> {
  const found = (id: number) => {
    const view = getDispute(db, id)
    if (!view) throw new Error(`dispute ${id} vanished`)
    return view
  }
  return {
    'staff:dispute': ({ ratingId, note }, { caller }) => {
      const actor = staffActor(caller)
      const officerId = officerIdOf(caller)
      return db.transaction(() => {
        const id = openDispute(db, officerId, ratingId, note, actor.name, clock.now())
        appendAudit(db, clock.now(), actor, { action: 'dispute.open', target: `rating:${ratingId}`, detail: { dispute: id } })
        return found(id)
      }).immediate()
    },
    'disputes:list': ({ status }) => {
      return listDisputes(db, status)
    },
    'disputes:resolve': ({ id, outcome, note }, { caller }) => {
      const actor = staffActor(caller)
      return db.transaction(() => {
        resolveDispute(db, id, outcome, note, actor, clock.now())
        appendAudit(db, clock.now(), actor, { action: 'dispute.resolve', target: `dispute:${id}`, detail: { outcome } })
        return found(id)
      }).immediate()
    },
  }
}

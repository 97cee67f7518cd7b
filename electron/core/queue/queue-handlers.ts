import { staffActor, type Caller } from '../access'
import type { Actor } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import { createRateLimiter, type RateLimit } from '../rate-limit'
import type { CounterAction } from './queue-engine'
import { assertCounterAccess } from './counter-access'
import type { QueueService } from './queue-service'

type QueueCall =
  | 'queue:board'
  | 'queue:options'
  | 'queue:take'
  | 'queue:counter'
  | 'queue:callNext'
  | 'queue:recall'
  | 'queue:serve'
  | 'queue:skip'
  | 'queue:transfer'
  | 'queue:complete'

export interface QueueHandlerDeps {
  db: Db
  clock: Clock
  queue: QueueService
}

/**
 * Numbers one screen may take: a burst of 10, then one every 2 s. A busy lobby issues a ticket every few seconds
 * at its peak, so a real kiosk never meets the limit; a stuck or hostile page cannot fill the day's queue.
 */
export const TAKE_LIMIT: RateLimit = { burst: 10, refillMs: 2_000 }
/**
 * Numbers all screens together may take: a burst of 60, then 30 a minute. The per-screen bucket alone is keyed by
 * the client id, which a web-host page (and a paired PC, per window) picks itself: a new id per call reopened it.
 * Several lobby screens at the morning rush stay far below this; a hostile page is held to 43,200 rows a day at
 * most (and each field to its MAX_NUMBER numbers), never the disk.
 */
export const TAKE_TOTAL: RateLimit = { burst: 60, refillMs: 2_000 }

/**
 * The board, the options and taking a number are the citizen's. Everything a counter does is for the staff
 * session allowed to work that counter (the contract's `counterStaff` rule, checked in dispatch before these run):
 * without it anyone at the lobby screen could call and complete a number and then rate "their" officer.
 */
export function createQueueHandlers({ db, clock, queue }: QueueHandlerDeps): Pick<Handlers, QueueCall> {
  const takes = createRateLimiter(TAKE_LIMIT)
  const allTakes = createRateLimiter(TAKE_TOTAL)
  const act = (caller: Caller, counterId: number, action: CounterAction) => {
    const actor = staffActor(caller)
    // Dispatch checked the counter already; checked again inside the action's write transaction, at its time, so
    // the audit entry and the ticket's officer always agree with the assignment the action ran under.
    return queue.act(counterId, action, (now): Actor => {
      assertCounterAccess(db, actor, counterId, now)
      return actor
    })
  }
  return {
    'queue:board': () => queue.board(),
    'queue:options': () => queue.options(),
    'queue:take': ({ fieldId, priorityGroup }, { clientId }) => {
      const now = clock.now()
      // The screen's own bucket first: a screen over its limit must not drain the total for the others.
      if (!takes.take(clientId, now)) throw new AppError('RATE_LIMITED', 'too many numbers from this screen: wait a moment')
      if (!allTakes.take('all', now)) throw new AppError('RATE_LIMITED', 'too many numbers from all screens: wait a moment')
      return queue.take(fieldId, priorityGroup)
    },
    // Its rule does not extend the session: the screen re-reads on every push, which is nobody at the screen.
    'queue:counter': ({ counterId }) => queue.counter(counterId),
    'queue:callNext': ({ counterId }, { caller }) => act(caller, counterId, { kind: 'callNext' }),
    'queue:recall': ({ counterId }, { caller }) => act(caller, counterId, { kind: 'recall' }),
    'queue:serve': ({ counterId }, { caller }) => act(caller, counterId, { kind: 'serve' }),
    'queue:skip': ({ counterId }, { caller }) => act(caller, counterId, { kind: 'skip' }),
    'queue:transfer': ({ counterId, to }, { caller }) => act(caller, counterId, { kind: 'transfer', to }),
    'queue:complete': ({ counterId }, { caller }) => act(caller, counterId, { kind: 'complete' }),
  }
}

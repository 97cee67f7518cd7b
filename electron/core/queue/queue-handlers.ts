import type { Actor } from '../audit/audit-repo'
import type { AuthService } from '../auth/auth-service'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
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
  auth: AuthService
}

/**
 * The board, the options and taking a number are the citizen's and stay open. Everything a counter does needs
 * the staff session in core, for that counter (see `assertCounterAccess`): without it anyone at the lobby screen
 * could call and complete a number and then rate "their" officer as often as they liked.
 */
export function createQueueHandlers({ db, clock, queue, auth }: QueueHandlerDeps): Pick<Handlers, QueueCall> {
  // The caller's own session decides: an officer's window does not lend its session to the citizen screen beside it.
  const act = (clientId: string, counterId: number, action: CounterAction) => {
    const actor = auth.requireStaff(clientId, { touch: true })
    // Checked again inside the action's write transaction: an assignment changed in between cannot slip through.
    return queue.act(counterId, action, (now): Actor => {
      assertCounterAccess(db, actor, counterId, now)
      return actor
    })
  }
  return {
    'queue:board': () => queue.board(),
    'queue:options': () => queue.options(),
    'queue:take': ({ fieldId, priorityGroup }) => queue.take(fieldId, priorityGroup),
    'queue:counter': ({ counterId }, { clientId }) => {
      // The screen re-reads on every push: a read is not someone at the screen, so it does not extend the session.
      assertCounterAccess(db, auth.requireStaff(clientId, { touch: false }), counterId, clock.now())
      return queue.counter(counterId)
    },
    'queue:callNext': ({ counterId }, { clientId }) => act(clientId, counterId, { kind: 'callNext' }),
    'queue:recall': ({ counterId }, { clientId }) => act(clientId, counterId, { kind: 'recall' }),
    'queue:serve': ({ counterId }, { clientId }) => act(clientId, counterId, { kind: 'serve' }),
    'queue:skip': ({ counterId }, { clientId }) => act(clientId, counterId, { kind: 'skip' }),
    'queue:transfer': ({ counterId, to }, { clientId }) => act(clientId, counterId, { kind: 'transfer', to }),
    'queue:complete': ({ counterId }, { clientId }) => act(clientId, counterId, { kind: 'complete' }),
  }
}

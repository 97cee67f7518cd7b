import type { Handlers } from '../dispatch'
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

export function createQueueHandlers(queue: QueueService): Pick<Handlers, QueueCall> {
  return {
    'queue:board': () => queue.board(),
    'queue:options': () => queue.options(),
    'queue:take': ({ fieldId, priorityGroup }) => queue.take(fieldId, priorityGroup),
    'queue:counter': ({ counterId }) => queue.counter(counterId),
    'queue:callNext': ({ counterId }) => queue.act(counterId, { kind: 'callNext' }),
    'queue:recall': ({ counterId }) => queue.act(counterId, { kind: 'recall' }),
    'queue:serve': ({ counterId }) => queue.act(counterId, { kind: 'serve' }),
    'queue:skip': ({ counterId }) => queue.act(counterId, { kind: 'skip' }),
    'queue:transfer': ({ counterId, to }) => queue.act(counterId, { kind: 'transfer', to }),
    'queue:complete': ({ counterId }) => queue.act(counterId, { kind: 'complete' }),
  }
}

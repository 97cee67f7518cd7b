import type { ErrorCode } from '../../../../shared/result'
import type { CounterQueue, TransferTarget } from '../../../../shared/schemas/queue'
import type { CounterCommand } from './counter-keys'

/** The message keys under `queue.staff.errors`. */
export type CounterErrorKey =
  | 'noCounter'
  | 'noField'
  | 'noOfficer'
  | 'nobodyWaiting'
  | 'notYourCounter'
  | 'CONFLICT'
  | 'other'

/**
 * Which message the staff see for a refused counter call. Core answers with a code (NOT_FOUND, CONFLICT) and a
 * technical message for IT; the code plus what was asked and what the screen knows is enough to tell an officer
 * what is actually wrong: the counter or field is gone, nobody waits, or nobody is seated at this counter.
 */
export function counterErrorKey(
  action: CounterCommand | 'load',
  code: ErrorCode,
  state: CounterQueue | null,
  to: TransferTarget | null = null,
): CounterErrorKey {
  if (code === 'NOT_FOUND') {
    if (action === 'transfer' && to?.kind === 'field') return 'noField'
    if (action === 'callNext' && state !== null) return 'nobodyWaiting'
    return 'noCounter'
  }
  if (code === 'CONFLICT') {
    // Core refuses a call without an officer (the rating binds to them); a free counter with nobody seated says so.
    if (action === 'callNext' && state !== null && state.current === null && state.officerName === null) return 'noOfficer'
    return 'CONFLICT'
  }
  // With a live session (the screen checks that first: no session means back to the login), FORBIDDEN means
  // this officer is not the one assigned to this counter now.
  if (code === 'FORBIDDEN') return 'notYourCounter'
  return 'other'
}

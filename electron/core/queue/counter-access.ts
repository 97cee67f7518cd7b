import type { StaffActor } from '../auth/auth-service'
import { officerAt } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'

/**
 * Who may work a counter at `now`: IT anywhere (covering for a sick officer, testing a keypad), an officer only at
 * the counter they are assigned to at that moment. The assignment history decides, as it does for the rating:
 * a ticket called here binds to the officer seated here, so nobody else may call, complete — and so make
 * ratable — tickets in their name.
 */
export function assertCounterAccess(db: Db, actor: StaffActor, counterId: number, now: number): void {
  if (actor.role === 'admin') return
  if (actor.officerId !== null && officerAt(db, counterId, now) === actor.officerId) return
  throw new AppError('FORBIDDEN', `account ${actor.id} is not assigned to counter ${counterId} now`)
}

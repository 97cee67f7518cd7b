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
  // An officer IT deactivated works no counter, even if an assignment was left open or their session lives on.
  if (actor.officerId === null || db.prepare('SELECT 1 FROM officers WHERE id = ? AND active = 1').get(actor.officerId) === undefined) {
    throw new AppError('FORBIDDEN', `account ${actor.id} is not an active officer`)
  }
  if (officerAt(db, counterId, now) === actor.officerId) return
  throw new AppError('FORBIDDEN', `account ${actor.id} is not assigned to counter ${counterId} now`)
}

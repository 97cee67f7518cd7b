import type { AuthService } from '../auth/auth-service'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import { myRatings } from './my-ratings'

type StaffCall = 'staff:myRatings'

export function createStaffHandlers({ db, clock, auth }: { db: Db; clock: Clock; auth: AuthService }): Pick<Handlers, StaffCall> {
  return {
    // The officer comes from core's session, never from the input: one sees only one's own ratings.
    'staff:myRatings': ({ range }, { clientId }) => {
      const { officerId } = auth.require(clientId, 'officer')
      if (officerId === null) throw new AppError('FORBIDDEN', 'not an officer account')
      return myRatings(db, clock, officerId, range)
    },
  }
}

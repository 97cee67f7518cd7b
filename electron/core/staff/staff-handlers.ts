import { officerIdOf } from '../access'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { myRatings } from './my-ratings'

type StaffCall = 'staff:myRatings'

export function createStaffHandlers({ db, clock }: { db: Db; clock: Clock }): Pick<Handlers, StaffCall> {
  return {
    // The officer comes from core's session, never from the input: one sees only one's own ratings.
    'staff:myRatings': ({ range }, { caller }) => myRatings(db, clock, officerIdOf(caller), range),
  }
}

import type { AppInfo } from '../../shared/schemas/system'
import type { Clock } from './clock'
import { getSetting, listCounters, listFields } from './config/config-repo'
import type { Db } from './db/open'
import type { Handlers } from './dispatch'
import type { EventHub } from './event-hub'
import { createRatingHandlers } from './ratings/rating-handlers'
import { listSystemEvents, recordSystemEvent } from './system/system-events'

export interface HandlerDeps {
  db: Db
  clock: Clock
  hub: EventHub
  info: AppInfo
  deviceId: string
}

/** Every contract call's implementation. Inputs arrive already parsed; outputs are checked by `dispatch`. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createSystemHandlers(deps),
    ...createRatingHandlers(deps),
  }
}

type SystemCall = 'app:info' | 'centre:overview' | 'system:events' | 'diagnostics:report'

function createSystemHandlers({ db, clock, hub, info }: HandlerDeps): Pick<Handlers, SystemCall> {
  return {
    'app:info': () => info,

    'centre:overview': () => {
      const now = clock.now()
      return db.transaction(() => ({
        centre: getSetting(db, 'centre'),
        kiosk: getSetting(db, 'kiosk'),
        fields: listFields(db),
        counters: listCounters(db, now),
        generatedAt: now,
      }))()
    },

    'system:events': ({ limit, kinds }) => listSystemEvents(db, limit, kinds),

    'diagnostics:report': ({ message, screen, stack }) => {
      const event = recordSystemEvent(
        db,
        clock.now(),
        'renderer.error',
        JSON.stringify({ message, screen, stack: stack ?? null }),
      )
      hub.emit('system:event', event)
      return { recorded: true as const }
    },
  }
}

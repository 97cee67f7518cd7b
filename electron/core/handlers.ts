import type { Clock } from './clock'
import { getSetting, listCounters, listFields } from './config/config-repo'
import type { Db } from './db/open'
import type { Handlers } from './dispatch'
import type { EventHub } from './event-hub'
import { listSystemEvents, recordSystemEvent } from './system/system-events'
import type { AppInfo } from '../../shared/schemas/system'

export interface HandlerDeps {
  db: Db
  clock: Clock
  hub: EventHub
  info: AppInfo
}

/** Every contract call's implementation. Inputs arrive already parsed; outputs are checked by `dispatch`. */
export function createHandlers({ db, clock, hub, info }: HandlerDeps): Handlers {
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

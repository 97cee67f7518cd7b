import path from 'node:path'
import type { AdminConfig } from '../../../shared/schemas/admin'
import { appendAudit } from '../audit/audit-repo'
import { staffActor, type Caller } from '../access'
import type { AuthService } from '../auth/auth-service'
import type { Clock } from '../clock'
import { getSetting, listCounters, listFields, putSetting } from '../config/config-repo'
import { defaultRatingForm } from '../ratings/default-forms'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import type { EventHub } from '../event-hub'
import type { QueueService } from '../queue/queue-service'
import { assign, listAssignments, listOfficers, saveCounter, saveField, saveOfficerRow, setOfficerPhoto } from './config-writes'
import { exportConfig, importConfig } from './config-file'
import { storePhoto } from './photos'
import { queueOptionsOf, saveQueueOptions } from './queue-options'

type ConfigCall =
  | 'admin:config'
  | 'admin:saveCentre'
  | 'admin:saveKiosk'
  | 'admin:saveRatingForm'
  | 'admin:saveQueueOptions'
  | 'admin:saveField'
  | 'admin:saveCounter'
  | 'admin:saveOfficer'
  | 'admin:assign'
  | 'admin:ratingFormDefaults'
  | 'admin:exportConfig'
  | 'admin:importConfig'

export interface ConfigHandlerDeps {
  db: Db
  clock: Clock
  hub: EventHub
  auth: AuthService
  dataDir: string
  /** Tells open screens the new queue options once saved. */
  queue: Pick<QueueService, 'options'>
}

const ASSIGNMENT_HISTORY = 100

export function readAdminConfig(db: Db, now: number): AdminConfig {
  return db.transaction(() => ({
    centre: getSetting(db, 'centre'),
    kiosk: getSetting(db, 'kiosk'),
    ratingForm: getSetting(db, 'ratingForm'),
    fields: listFields(db),
    counters: listCounters(db, now),
    officers: listOfficers(db, now),
    assignments: listAssignments(db, ASSIGNMENT_HISTORY),
    queue: queueOptionsOf(getSetting(db, 'queue')),
  }))()
}

/**
 * The configuration pages. Every write: admin session checked in core, input already parsed by the shared schema,
 * one IMMEDIATE transaction with its audit entry (all or nothing), then a `system:event`-free refresh — screens
 * reload the overview themselves.
 */
export function createConfigHandlers({ db, clock, hub, auth, dataDir, queue }: ConfigHandlerDeps): Pick<Handlers, ConfigCall> {
  const photosDir = path.join(dataDir, 'photos')
  const write = <T>(caller: Caller, action: string, target: string, detail: Record<string, unknown>, run: () => T): T => {
    const actor = staffActor(caller)
    return db.transaction(() => {
      const result = run()
      appendAudit(db, clock.now(), actor, { action, target, detail })
      return result
    }).immediate()
  }
  /** Inactive officers' sessions end at once: deactivating someone must revoke access now, not at idle time. */
  const endInactiveSessions = () => {
    const ids = db
      .prepare('SELECT s.id FROM staff_accounts s JOIN officers o ON o.id = s.officer_id WHERE o.active = 0')
      .pluck()
      .all()
    for (const id of ids) if (typeof id === 'number') auth.logoutAccount(id)
  }
  return {
    'admin:config': () => readAdminConfig(db, clock.now()),
    'admin:saveCentre': ({ centre }, { caller }) =>
      write(caller, 'admin.centre', 'centre', { centre }, () => {
        putSetting(db, 'centre', centre)
        return { saved: true as const }
      }),
    'admin:saveKiosk': ({ kiosk }, { caller }) =>
      write(caller, 'admin.kiosk', 'kiosk', { kiosk }, () => {
        putSetting(db, 'kiosk', kiosk)
        return { saved: true as const }
      }),
    'admin:saveRatingForm': ({ form }, { caller }) =>
      write(caller, 'admin.rating_form', 'ratingForm', { scale: form.scale }, () => {
        putSetting(db, 'ratingForm', form)
        return { saved: true as const }
      }),
    'admin:saveQueueOptions': ({ queue: edit }, { caller }) => {
      const actor = staffActor(caller)
      db.transaction(() => {
        const before = saveQueueOptions(db, edit)
        appendAudit(db, clock.now(), actor, { action: 'admin.queue_options', target: 'queue', detail: { before, after: edit } })
      }).immediate()
      // The queue service reads the setting on every call; the push is for screens that fetched the options once.
      hub.emit('queue:options', queue.options())
      return { saved: true as const }
    },
    'admin:saveField': (field, { caller }) =>
      write(caller, 'admin.field', `field:${field.id ?? 'new'}`, { field }, () => ({ id: saveField(db, field) })),
    'admin:saveCounter': (counter, { caller }) =>
      write(caller, 'admin.counter', `counter:${counter.id ?? 'new'}`, { counter }, () => ({ id: saveCounter(db, counter) })),
    'admin:saveOfficer': ({ photo, ...officer }, { caller }) => {
      const saved = write(caller, 'admin.officer', `officer:${officer.id ?? 'new'}`, { officer, photo: typeof photo === 'string' ? photo : 'new' }, () => {
        const id = saveOfficerRow(db, officer, clock.now())
        // The file is written inside the transaction: if it fails, the officer row rolls back with it.
        if (photo === 'remove') setOfficerPhoto(db, id, null)
        else if (photo !== 'keep') setOfficerPhoto(db, id, storePhoto(photosDir, id, photo.type, photo.base64))
        const saved = listOfficers(db, clock.now()).find((o) => o.id === id)
        if (!saved) throw new Error(`officer ${id} vanished`)
        return saved
      })
      endInactiveSessions()
      return saved
    },
    'admin:ratingFormDefaults': ({ scale }) => {
      // Keep the kiosk's own settings (windows, anonymous counters); only levels and reasons start afresh.
      const { levels, reasons } = defaultRatingForm(scale)
      return { ...getSetting(db, 'ratingForm'), scale, levels, reasons }
    },
    'admin:exportConfig': (_input, { caller }) => {
      appendAudit(db, clock.now(), staffActor(caller), { action: 'admin.export_config' })
      return exportConfig(db, clock.now())
    },
    'admin:importConfig': ({ config }, { caller }) =>
      write(caller, 'admin.import_config', 'config', { exportedAt: config.exportedAt }, () => {
        importConfig(db, config, clock.now())
        endInactiveSessions()
        return { saved: true as const }
      }),
    'admin:assign': ({ counterId, officerId }, { caller }) =>
      write(caller, 'admin.assign', `counter:${counterId}`, { officerId }, () => {
        assign(db, counterId, officerId, clock.now())
        return listAssignments(db, ASSIGNMENT_HISTORY)
      }),
  }
}

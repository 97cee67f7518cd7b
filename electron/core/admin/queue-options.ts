import type { QueueOptionsInput } from '../../../shared/schemas/admin'
import type { QueueSettings } from '../../../shared/schemas/queue'
import { getSetting, putSetting } from '../config/config-repo'
import type { Db } from '../db/open'

/** The part of the stored queue settings the admin page shows and edits. */
export function queueOptionsOf(settings: QueueSettings): QueueOptionsInput {
  return { printer: settings.printer, voice: settings.voice, priorityGroups: settings.priorityGroups }
}

/**
 * Replaces printer, voice and priority groups, keeping source, external feed, reset hour and time zone as stored.
 * Returns what was there before, for the audit entry. Run inside the caller's transaction.
 *
 * A group removed while tickets of it still wait is allowed on purpose: the ticket keeps its key, and the queue
 * orders by "has a priority group", not by the group list, so those citizens are still called first today. IT
 * can tidy the list at any time of day without stranding or demoting anyone already promised priority.
 */
export function saveQueueOptions(db: Db, edit: QueueOptionsInput): QueueOptionsInput {
  const current = getSetting(db, 'queue')
  putSetting(db, 'queue', { ...current, ...queueOptionsOf({ ...current, ...edit }) })
  return queueOptionsOf(current)
}

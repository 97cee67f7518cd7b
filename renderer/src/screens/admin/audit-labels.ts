import type { TFunction } from 'i18next'
import type { AuditEntry } from '../../../../shared/schemas/auth'

/** The targets core writes as `kind:id` (or `kind:new` for a row being created). */
const ROW = /^(account|officer|counter|field|rating|dispute):(\d+|new)$/
/** Targets that are a whole settings area, named by one word. */
const AREAS = new Set(['centre', 'kiosk', 'ratingForm', 'config', 'queue'])

/** "Gọi số tiếp theo" for "queue.callNext"; an action this version does not know is shown as written. */
export function auditAction(entry: AuditEntry, t: TFunction): string {
  return t(`admin.audit.actions.${entry.action}`, { defaultValue: entry.action })
}

/** The ticket a counter action was about, from the entry's detail JSON ({"ticket":"A0012"}), if any. */
function ticketOf(detail: string): string | null {
  try {
    const parsed: unknown = JSON.parse(detail)
    if (parsed !== null && typeof parsed === 'object' && 'ticket' in parsed && typeof parsed.ticket === 'string') {
      return parsed.ticket
    }
  } catch {
    // Not JSON (a row cut to its bound): no ticket to show, the rest still reads.
  }
  return null
}

/**
 * What an entry acted on, for people: "account:1" → the account's name, "counter:3" → "Quầy 5", "rating:8" →
 * "Đánh giá #8", a counter action with its ticket ("Quầy 5 · số A0012"). The name comes from core (`targetName`,
 * as the row reads now); without one, the kind and id in words. Anything else (a backup file) is shown as written.
 */
export function auditTarget(entry: AuditEntry, t: TFunction): string {
  const base = targetWords(entry, t)
  const ticket = entry.action.startsWith('queue.') ? ticketOf(entry.detail) : null
  return ticket === null ? base : `${base} · ${t('admin.audit.targets.ticket', { code: ticket })}`
}

function targetWords(entry: AuditEntry, t: TFunction): string {
  const { target, targetName } = entry
  if (target === '') return '—'
  if (AREAS.has(target)) return t(`admin.audit.targets.${target}`)
  const row = ROW.exec(target)
  if (row === null) return target
  const [, kind = '', id = ''] = row
  if (id === 'new') return t(`admin.audit.targets.${kind}New`, { defaultValue: target })
  if (kind === 'counter') return t('admin.audit.targets.counter', { number: targetName === '' ? `#${id}` : targetName })
  if ((kind === 'account' || kind === 'officer' || kind === 'field') && targetName !== '') return targetName
  return t(`admin.audit.targets.${kind}`, { id })
}

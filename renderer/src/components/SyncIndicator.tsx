import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { syncHealth, useSyncStore } from '../stores/sync-store'
import './SyncIndicator.css'

/**
 * A small, quiet dot for the top bar: green when everything is sent, amber while ratings wait, red when IT must
 * act. Citizens can ignore it; IT sees the state at a glance (the numbers are in its label). Nothing when upload
 * is not configured.
 */
export function SyncIndicator() {
  const { t } = useTranslation()
  const status = useSyncStore((s) => s.status)
  const follow = useSyncStore((s) => s.follow)
  useEffect(() => follow(), [follow])
  const health = syncHealth(status)
  if (health === 'hidden' || status === null) return null
  const label = t(`sync.${health}`, { pending: status.pending, dead: status.dead })
  return (
    <span className={`sync-indicator sync-indicator--${health}`} role="status" aria-label={label} title={label}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      {status.pending > 0 && <span className="sync-indicator__count">{status.pending}</span>}
    </span>
  )
}

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAgeText } from '../components/data-age'
import { useLinkStore } from '../stores/link-store'

/**
 * On a client PC whose hub is away: "Mất kết nối với kiosk chính" over every screen, with how old the data shown
 * is, until the link is back. The age is the core's own report (`at - lastDataAt`) plus the time since the report
 * arrived, counted on this screen's monotonic clock — the two clocks are never compared.
 */
export function OfflineBanner() {
  const { t } = useTranslation()
  const status = useLinkStore((s) => s.status)
  const receivedAt = useLinkStore((s) => s.receivedAt)
  const [elapsed, setElapsed] = useState(0)
  const offline = status?.mode === 'client' && status.state === 'offline'
  useEffect(() => {
    if (!offline) return
    const tick = () => setElapsed(performance.now() - receivedAt)
    tick()
    const timer = setInterval(tick, 1000)
    return () => clearInterval(timer)
  }, [offline, receivedAt])
  const ageMs = offline && status.lastDataAt !== null ? status.at - status.lastDataAt + elapsed : null
  const age = useAgeText(ageMs)
  if (!offline) return null
  return (
    <div className="link-banner" role="alert" data-testid="link-offline">
      <strong>{t('network.offline.title')}</strong>
      <span>{age === null ? t('network.offline.noData') : t('network.offline.age', { age })}</span>
    </div>
  )
}

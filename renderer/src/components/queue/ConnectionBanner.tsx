import { useTranslation } from 'react-i18next'
import type { QueueConnection } from '../../../../shared/schemas/queue'
import { useNow } from './use-queue'

/**
 * Shown only when the external queue feed is lost or frozen: says so in words, and how old the data on the board
 * is, so nobody trusts a frozen board.
 */
export function ConnectionBanner({ connection }: { connection: QueueConnection }) {
  const { t } = useTranslation()
  const now = useNow()
  if (connection.state === 'live') return null
  const seconds = connection.dataAt === null ? null : Math.max(0, Math.round((now - connection.dataAt) / 1000))
  const age =
    seconds === null
      ? null
      : seconds < 60
        ? t('queue.seconds', { count: seconds })
        : seconds < 3600
          ? t('queue.minutes', { count: Math.floor(seconds / 60) })
          : t('queue.hours', { count: Math.floor(seconds / 3600) })
  return (
    <div className="queue-banner" role="alert" data-testid="queue-connection">
      <strong>{t(connection.state === 'lost' ? 'queue.lost' : 'queue.stale')}</strong>
      <span>{age === null ? t('queue.ageUnknown') : t('queue.age', { age })}</span>
    </div>
  )
}

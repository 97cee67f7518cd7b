import { useTranslation } from 'react-i18next'
import type { QueueConnection } from '../../../../shared/schemas/queue'
import { useAgeText } from '../data-age'
import { useNow } from './use-queue'

/**
 * Shown only when the external queue feed is lost or frozen: says so in words, and how old the data on the board
 * is, so nobody trusts a frozen board.
 */
export function ConnectionBanner({ connection }: { connection: QueueConnection }) {
  const { t } = useTranslation()
  const now = useNow()
  const age = useAgeText(connection.dataAt === null ? null : now - connection.dataAt)
  if (connection.state === 'live') return null
  return (
    <div className="queue-banner" role="alert" data-testid="queue-connection">
      <strong>{t(connection.state === 'lost' ? 'queue.lost' : 'queue.stale')}</strong>
      <span>{age === null ? t('queue.ageUnknown') : t('queue.age', { age })}</span>
    </div>
  )
}

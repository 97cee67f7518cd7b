import { useTranslation } from 'react-i18next'
import type { ServiceField } from '../../../../shared/schemas/centre'
import type { QueueBoard } from '../../../../shared/schemas/queue'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'

/** The latest call, large: what the voice is saying now. */
export function LatestCall({ board }: { board: QueueBoard }) {
  const { t } = useTranslation()
  const latest = board.recentCalls[0]
  return (
    <section className="latest-call" aria-live="polite" data-testid="latest-call">
      {latest === undefined ? (
        <p className="latest-call__empty">{t('queue.noCalls')}</p>
      ) : (
        <>
          <p className="latest-call__label">{t('queue.latestCall')}</p>
          <p className="latest-call__code" key={latest.eventId}>
            {latest.ticketCode}
          </p>
          {/* The counter number is as large as the ticket's on the TV: the two things a citizen must read. */}
          <p className="latest-call__counter">
            <span className="latest-call__to">{t('queue.toCounterWord')}</span>{' '}
            <span className="latest-call__number">{latest.counterNumber}</span>
          </p>
        </>
      )}
    </section>
  )
}

/** Now serving, one tile per open counter; the counter of the latest call is highlighted. */
export function NowServing({ board }: { board: QueueBoard }) {
  const { t } = useTranslation()
  const latest = board.recentCalls[0]
  return (
    <section aria-labelledby="now-serving-title">
      <h2 className="queue-title" id="now-serving-title">
        {t('queue.nowServing')}
      </h2>
      <ul className="serving-grid">
        {board.counters.map((c) => {
          const highlight = latest !== undefined && c.ticketCode === latest.ticketCode && c.counterNumber === latest.counterNumber
          return (
            <li
              key={c.counterId}
              className={`serving-tile${highlight ? ' serving-tile--latest' : ''}${c.ticketCode === null ? ' serving-tile--free' : ''}`}
              data-testid={`serving-${c.counterNumber}`}
            >
              <span className="serving-tile__counter">
                <span className="serving-tile__word">{t('queue.counterWord')}</span>{' '}
                <span className="serving-tile__number">{c.counterNumber}</span>
              </span>
              <span className="serving-tile__code">{c.ticketCode ?? '—'}</span>
              <span className="serving-tile__officer">{c.ticketCode === null ? t('queue.free') : (c.officerName ?? '')}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function RecentCalls({ board }: { board: QueueBoard }) {
  const { t } = useTranslation()
  const older = board.recentCalls.slice(1)
  return (
    <section aria-labelledby="recent-calls-title">
      <h2 className="queue-title" id="recent-calls-title">
        {t('queue.recentCalls')}
      </h2>
      <ol className="recent-calls" data-testid="recent-calls">
        {older.map((call) => (
          <li key={call.eventId}>
            <span className="recent-calls__code">{call.ticketCode}</span>
            <span className="recent-calls__counter">{t('queue.counter', { number: call.counterNumber })}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

export function WaitingByField({ board, fields }: { board: QueueBoard; fields: readonly ServiceField[] }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  return (
    <section aria-labelledby="waiting-title">
      <h2 className="queue-title" id="waiting-title">
        {t('queue.waiting')}
      </h2>
      <ul className="waiting-list">
        {board.waiting.map((w) => {
          const field = fields.find((f) => f.id === w.fieldId)
          return (
            <li key={w.fieldId} data-testid={`waiting-${w.prefix}`}>
              <span className="waiting-list__prefix">{w.prefix}</span>
              <span className="waiting-list__name">{field ? localized(field.name, language) : ''}</span>
              <span className="waiting-list__count">{w.waiting}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

import { useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { LatestCall, NowServing, WaitingByField } from '../../components/queue/BoardParts'
import { ConnectionBanner } from '../../components/queue/ConnectionBanner'
import { useQueueConnection } from '../../components/queue/use-queue'
import { VoicePlayer } from '../../components/queue/VoicePlayer'
import { localized } from '../../i18n'
import { useQueueStore } from '../../stores/queue-store'
import { useUiStore } from '../../stores/ui-store'
import '../../components/queue/board.css'

/**
 * The lobby's top half: the board on the left, taking a number on the right (with whatever else the citizen can
 * start here, e.g. rating, passed as `children`). Taking a number is offered only by the built-in queue.
 */
export function LobbyQueue({ overview, children }: { overview: CentreOverview; children?: ReactNode }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const language = useUiStore((s) => s.language)
  const board = useQueueStore((s) => s.board)
  const options = useQueueStore((s) => s.options)
  const take = useQueueStore((s) => s.take)
  const taking = useQueueStore((s) => s.taking)
  // Only the limit is explained here: this screen took many numbers in a row, and the next one comes shortly.
  const rateLimited = useQueueStore((s) => s.takeError === 'RATE_LIMITED')
  // A ref, not state: a double tap fires both handlers before React re-renders, and each tap would be a number.
  const inFlight = useRef(false)
  useQueueConnection()
  const choose = async (fieldId: number) => {
    if (inFlight.current) return
    if ((options?.priorityGroups.length ?? 0) > 0) return navigate(`/take/${fieldId}`)
    inFlight.current = true
    try {
      if (await take(fieldId, null)) void navigate('/ticket')
    } finally {
      inFlight.current = false
    }
  }
  const waiting = (fieldId: number) => board?.waiting.find((w) => w.fieldId === fieldId)?.waiting ?? 0
  return (
    <div className="lobby">
      <div className="lobby__board">
        {board && (
          <>
            <ConnectionBanner connection={board.connection} />
            <LatestCall board={board} />
            <NowServing board={board} />
          </>
        )}
      </div>
      <div className="lobby__actions">
        {options?.source === 'builtin' && (
          <section aria-labelledby="take-title" className="take">
            <h2 className="queue-title" id="take-title">
              {t('queue.takeTitle')}
            </h2>
            <p className="take__hint">{t('queue.takeHint')}</p>
            {rateLimited && (
              <p className="message" role="alert">
                {t('queue.takeWait')}
              </p>
            )}
            <ul className="take__fields">
              {overview.fields
                .filter((f) => f.active)
                .map((f) => (
                  <li key={f.id}>
                    <button
                      type="button"
                      className="field-button"
                      data-testid={`take-${f.prefix}`}
                      aria-disabled={taking}
                      onClick={() => void choose(f.id)}
                    >
                      <span className="field-button__prefix" aria-hidden="true">
                        {f.prefix}
                      </span>
                      <span className="field-button__name">{localized(f.name, language)}</span>
                      <span className="field-button__waiting">{t('queue.waitingCount', { count: waiting(f.id) })}</span>
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        )}
        {children}
        {board && options?.source === 'external' && <WaitingByField board={board} fields={overview.fields} />}
      </div>
      <VoicePlayer />
    </div>
  )
}

import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { lazyPart } from '../../components/lazy-part'
import { TopBar } from '../../components/TopBar'
import { localized } from '../../i18n'
import { useQueueStore } from '../../stores/queue-store'
import { useUiStore } from '../../stores/ui-store'
import '../../components/queue/board.css'
import '../../components/queue/ticket.css'

const QrCode = lazyPart(() => import('../../components/queue/QrCode').then((m) => m.QrCode))

/**
 * The ticket just taken, on screen: always (a printed ticket can jam), and it is the only copy when printing is
 * off or failed — then the screen says so. Returns home by itself after the citizen idle time.
 */
export function TicketScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const language = useUiStore((s) => s.language)
  const issued = useQueueStore((s) => s.issued)
  const options = useQueueStore((s) => s.options)
  const clearIssued = useQueueStore((s) => s.clearIssued)
  const idleMs = overview.kiosk.idle.citizenSeconds * 1000

  useEffect(() => {
    const timer = setTimeout(() => {
      clearIssued()
      void navigate('/', { replace: true })
    }, idleMs)
    return () => clearTimeout(timer)
  }, [idleMs, clearIssued, navigate])

  if (issued === null) return <Navigate to="/" replace />
  const field = overview.fields.find((f) => f.id === issued.fieldId)
  const group = options?.priorityGroups.find((g) => g.key === issued.priorityGroup)
  const state = issued.print.state
  // Printing runs after the number is given; until it ends the screen says so, and the QR is here regardless.
  const fine = state === 'printed' || state === 'printing'
  const message = { printed: 'queue.printed', printing: 'queue.printing', off: 'queue.screenOnly', failed: 'queue.notPrinted' }[state]
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="ticket" data-testid="ticket">
        <div className="ticket__card">
          <p className="ticket__title">{t('queue.ticketTitle')}</p>
          <p className="ticket__code" data-testid="ticket-code">
            {issued.code}
          </p>
          {field && <p className="ticket__field">{localized(field.name, language)}</p>}
          {group && <p className="ticket__priority">{t('queue.priorityTag', { group: localized(group.label, language) })}</p>}
          <p className="ticket__line">{t('queue.ahead', { count: issued.peopleAhead })}</p>
          <p className="ticket__line">
            {issued.estimatedWaitMinutes === null
              ? t('queue.estimateUnknown')
              : t('queue.estimate', { minutes: issued.estimatedWaitMinutes })}
          </p>
        </div>
        <div className="ticket__side">
          <QrCode text={issued.uid} label={t('queue.qrHint')} />
          <p className="ticket__qr-hint">{t('queue.qrHint')}</p>
          <p
            className={`ticket__print${fine ? '' : ' ticket__print--missing'}`}
            role={fine ? 'status' : 'alert'}
            data-testid="ticket-print"
          >
            {t(message)}
          </p>
          <button
            type="button"
            className="button button--primary ticket__done"
            onClick={() => {
              clearIssued()
              void navigate('/', { replace: true })
            }}
          >
            {t('queue.done')}
          </button>
        </div>
      </main>
    </div>
  )
}

import './recent-tiles.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecentTicket } from '../../../../shared/schemas/rating'

/**
 * The tickets completed in the last minutes, fetched when the lookup opens and again whenever the queue changes
 * (a ticket completed, a rating saved elsewhere). An empty list — or an error — simply means no tiles: the pad
 * and the scanner always work.
 */
export function useRecentTickets(): { tickets: RecentTicket[]; startWithTiles: boolean | null } {
  const [tickets, setTickets] = useState<RecentTicket[]>([])
  // Fixed by the first answer: a pad never turns into tiles under a citizen's fingers when a ticket is completed
  // meanwhile.
  const [startWithTiles, setStartWithTiles] = useState<boolean | null>(null)
  useEffect(() => {
    let live = true
    const load = () => {
      void window.api.rating.recent({}).then((result) => {
        if (!live) return
        const list = result.ok ? result.value.tickets : []
        setTickets(list)
        setStartWithTiles((first) => first ?? list.length > 0)
      })
    }
    load()
    const off = window.api.on('queue:changed', load)
    return () => {
      live = false
      off()
    }
  }, [])
  return { tickets, startWithTiles }
}

interface Props {
  tickets: RecentTicket[]
  busy: boolean
  onPick(code: string): void
  onOther(): void
}

/**
 * Lobby mode, the usual case in three taps: "Đánh giá cán bộ" → the citizen's own number → the level. A tile shows
 * only the number on the ticket and the counter that served it — never the officer — and tapping it is the same
 * as typing that number on the pad.
 */
export function RecentTiles({ tickets, busy, onPick, onOther }: Props) {
  const { t } = useTranslation()
  return (
    <div className="recent">
      <h3 className="recent__title" id="recent-title">
        {t('rating.recent.title')}
      </h3>
      <div className="recent__grid" role="group" aria-labelledby="recent-title">
        {tickets.map((ticket) => (
          <button
            key={ticket.ticketCode}
            type="button"
            className="recent__tile"
            disabled={busy}
            onClick={() => onPick(ticket.ticketCode)}
          >
            <span className="recent__code">{ticket.ticketCode}</span>
            <span className="recent__counter">{t('rating.choose.counter', { number: ticket.counterNumber })}</span>
          </button>
        ))}
      </div>
      <button type="button" className="button button--secondary recent__other" onClick={onOther}>
        {t('rating.recent.other')}
      </button>
    </div>
  )
}

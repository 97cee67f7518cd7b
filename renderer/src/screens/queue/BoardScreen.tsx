import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { IdleWarning } from '../../components/IdleWarning'
import { LatestCall, NowServing, RecentCalls, WaitingByField } from '../../components/queue/BoardParts'
import { ConnectionBanner } from '../../components/queue/ConnectionBanner'
import { useNow, useQueueConnection } from '../../components/queue/use-queue'
import { VoicePlayer } from '../../components/queue/VoicePlayer'
import { localized } from '../../i18n'
import { useQueueStore } from '../../stores/queue-store'
import { useUiStore } from '../../stores/ui-store'
import { useIdle } from '../rating/use-idle'
import '../../components/queue/board.css'
import '../../components/queue/tv.css'

/** True when a citizen tapped "Bảng hiển thị" on the lobby home; a TV opened at `#/board` has no such state. */
function openedByCitizen(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { fromCitizen?: unknown }).fromCitizen === true
}

/**
 * The full-screen board for a TV in the waiting hall (`#/board`): nothing to touch, readable from across the room.
 * Opened from the lobby home instead, it is a citizen screen like any other: a way back, and home by itself.
 */
export function BoardScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const board = useQueueStore((s) => s.board)
  const timeZone = useQueueStore((s) => s.options?.timeZone)
  const now = useNow(10_000)
  const fromCitizen = openedByCitizen(useLocation().state)
  useQueueConnection()
  return (
    <div className="screen tv">
      <header className="tv__header">
        <h1 className="tv__centre">{localized(overview.centre.name, language)}</h1>
        {/* The centre's time, not the OS's: a TV box set to UTC must still show the time citizens live by. */}
        <p className="tv__clock" data-testid="tv-clock">
          {timeZone === undefined
            ? ''
            : new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
                hour: '2-digit',
                minute: '2-digit',
                hourCycle: 'h23',
                timeZone,
              }).format(now)}
        </p>
      </header>
      {board && (
        <main className="tv__main">
          <ConnectionBanner connection={board.connection} />
          <div className="tv__grid">
            <div className="tv__left">
              <LatestCall board={board} />
              <NowServing board={board} />
            </div>
            <div className="tv__right">
              <RecentCalls board={board} />
              <WaitingByField board={board} fields={overview.fields} />
            </div>
          </div>
        </main>
      )}
      {!board && <p className="message">{t('app.loading')}</p>}
      {fromCitizen && <CitizenExit seconds={overview.kiosk.idle.citizenSeconds} />}
      <VoicePlayer />
    </div>
  )
}

/** The board's footer when a citizen opened it: back home by a tap, or by itself after the citizen idle time. */
function CitizenExit({ seconds }: { seconds: number }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const resetUi = useUiStore((s) => s.resetForNextCitizen)
  const home = useCallback(() => {
    resetUi()
    void navigate('/', { replace: true })
  }, [navigate, resetUi])
  const left = useIdle(seconds, home)
  return (
    <footer className="tv__exit">
      <button type="button" className="button button--primary tv__back" onClick={home}>
        {t('rating.home')}
      </button>
      <IdleWarning seconds={left} />
    </footer>
  )
}

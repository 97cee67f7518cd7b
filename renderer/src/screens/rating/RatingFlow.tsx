import './rating.css'
import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { IdleWarning } from '../../components/IdleWarning'
import { TopBar } from '../../components/TopBar'
import { useRatingStore } from '../../stores/rating-store'
import { useUiStore } from '../../stores/ui-store'
import { LevelChoice } from './LevelChoice'
import { ReasonsForm } from './ReasonsForm'
import { TicketLookup } from './TicketLookup'
import { useIdle } from './use-idle'

const THANKS_SECONDS = 6

/**
 * The citizen's rating, screen by screen. Whatever the step, going idle returns home and drops the unfinished
 * rating (nothing is written before the final tap), with a visible countdown in the last seconds.
 */
export function RatingFlow({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const flow = useRatingStore((s) => s.flow)
  const form = useRatingStore((s) => s.form)
  const submit = useRatingStore((s) => s.submit)
  const resetUi = useUiStore((s) => s.resetForNextCitizen)

  const offer = useRatingStore((s) => s.offer)
  const asking = flow.step === 'choose' || flow.step === 'reasons'

  const close = useCallback(() => {
    resetUi()
    void navigate('/')
  }, [navigate, resetUi])

  // "Hủy" or walking away from a counter's offer tells core, so the offer ends there and never reopens.
  const leave = useCallback(() => {
    const { offer: shown, flow: now } = useRatingStore.getState()
    if (shown !== null && (now.step === 'choose' || now.step === 'reasons')) {
      void window.api.rating.dismiss({ ticketUid: shown.ticketUid })
    }
    close()
  }, [close])

  const idleSeconds = flow.step === 'thanks' ? THANKS_SECONDS : overview.kiosk.idle.citizenSeconds
  const left = useIdle(idleSeconds, leave, flow.step === 'thanks' ? 0 : 5)

  // A counter's offer closes at the end of its rating window, whether or not the citizen is still tapping.
  useEffect(() => {
    if (offer === null || !asking) return
    const timer = window.setTimeout(close, Math.max(0, offer.closesAt - performance.now()))
    return () => window.clearTimeout(timer)
  }, [offer, asking, close])

  useEffect(() => {
    // Whoever comes next starts from home, not from this citizen's last screen.
    return () => useRatingStore.setState({ flow: { step: 'lookup', error: null, busy: false }, offer: null })
  }, [])

  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="rating">
        {flow.step === 'lookup' && (
          <TicketLookup overview={overview} form={form} error={flow.error} busy={flow.busy} />
        )}
        {flow.step === 'choose' && form && <LevelChoice form={form} target={flow.target} />}
        {flow.step === 'reasons' && form && (
          <ReasonsForm form={form} reasons={flow.reasons} comment={flow.comment} typing={flow.typing} />
        )}
        {flow.step === 'saving' && (
          <p className="message" aria-busy="true">
            {t('rating.saving')}
          </p>
        )}
        {flow.step === 'thanks' && (
          <div className="outcome outcome--thanks" role="status">
            <h2 className="outcome__title">{t('rating.thanks.title')}</h2>
            <p className="message">{t('rating.thanks.body')}</p>
          </div>
        )}
        {flow.step === 'refused' && (
          <div className="outcome" role="alert">
            <p className="message">{t(`rating.errors.${flow.error}`, { defaultValue: t('rating.errors.generic') })}</p>
          </div>
        )}
        {flow.step === 'failed' && (
          <div className="outcome outcome--failed" role="alert">
            <h2 className="outcome__title">{t('rating.failed.title')}</h2>
            <p className="message">{t('rating.failed.body')}</p>
          </div>
        )}
        {/* The countdown shares the footer row, so it never covers an answer; while typing it is the row. */}
        {(!(flow.step === 'reasons' && flow.typing) || left !== null) && (
          <div className="rating__footer">
            {!(flow.step === 'reasons' && flow.typing) && (
              <button type="button" className="button button--secondary" onClick={leave}>
                {flow.step === 'thanks' || flow.step === 'refused' || flow.step === 'failed'
                  ? t('rating.home')
                  : t('rating.cancel')}
              </button>
            )}
            <IdleWarning seconds={left} />
            {flow.step === 'reasons' && !flow.typing && (
              <button type="button" className="button button--primary rating__send" onClick={() => void submit()}>
                {t('rating.reasons.submit')}
              </button>
            )}
          </div>
        )}
      </main>
    </div>
  )
}

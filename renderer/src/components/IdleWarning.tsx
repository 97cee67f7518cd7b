import { useTranslation } from 'react-i18next'
import './idle-warning.css'

/**
 * The last seconds before a citizen screen returns home by itself. The button only needs to be a touch: any touch
 * restarts the wait (useIdle listens on the whole window).
 */
export function IdleWarning({ seconds }: { seconds: number | null }) {
  const { t } = useTranslation()
  if (seconds === null) return null
  return (
    <div className="idle-warning" role="alert">
      <p>{t('rating.idle', { seconds })}</p>
      <button type="button" className="button button--primary">
        {t('rating.stay')}
      </button>
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useRatingStore } from '../../stores/rating-store'

/** The lobby's way into the rating: one large button on the home screen. */
export function RateButton() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const startLookup = useRatingStore((s) => s.startLookup)
  return (
    <button
      type="button"
      className="button button--primary rate-button"
      onClick={() => void startLookup().then(() => navigate('/rate'))}
    >
      <span className="rate-button__title">{t('rating.start')}</span>
      <span className="rate-button__hint">{t('rating.startHint')}</span>
    </button>
  )
}

import { useTranslation } from 'react-i18next'

/** Start-up could not reach core (or the hub): say so and offer to try again. One screen for every loader. */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <main className="screen screen--center">
      <p className="message" role="alert">
        {t('app.loadFailed')}
      </p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </main>
  )
}

import { useTranslation } from 'react-i18next'
import type { Centre } from '../../../shared/schemas/centre'
import { localized } from '../i18n'
import { useUiStore } from '../stores/ui-store'
import { SyncIndicator } from './SyncIndicator'

/** The centre's name, the language switch and the reading aids, on every screen. */
export function TopBar({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const highContrast = useUiStore((s) => s.highContrast)
  const largeText = useUiStore((s) => s.largeText)
  const setLanguage = useUiStore((s) => s.setLanguage)
  const toggleHighContrast = useUiStore((s) => s.toggleHighContrast)
  const toggleLargeText = useUiStore((s) => s.toggleLargeText)
  return (
    <header className="top-bar">
      <div className="top-bar__titles">
        <h1 className="top-bar__centre">{localized(centre.name, language)}</h1>
        {centre.address !== '' && <p className="top-bar__address">{centre.address}</p>}
      </div>
      <div className="top-bar__tools">
        <SyncIndicator />
        <button type="button" className="button button--tool" aria-pressed={largeText} onClick={toggleLargeText}>
          <span className="tool-icon" aria-hidden="true">
            A+
          </span>
          <span className="tool-caption">{t('access.largeText')}</span>
        </button>
        <button type="button" className="button button--tool" aria-pressed={highContrast} onClick={toggleHighContrast}>
          <span className="tool-icon" aria-hidden="true">
            ◐
          </span>
          <span className="tool-caption">{t('access.contrast')}</span>
        </button>
        <button
          type="button"
          className="button button--language"
          // The visible text must start the accessible name (WCAG 2.5.3), the purpose follows it.
          aria-label={`${t('language.switchTo')} – ${t('language.label')}`}
          lang={language === 'vi' ? 'en' : 'vi'}
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
        >
          {t('language.switchTo')}
        </button>
      </div>
    </header>
  )
}

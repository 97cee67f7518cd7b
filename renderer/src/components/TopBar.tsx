import { useTranslation } from 'react-i18next'
import type { Centre } from '../../../shared/schemas/centre'
import { localized } from '../i18n'
import { useUiStore } from '../stores/ui-store'

/** The centre's name and the language switch, on every screen. */
export function TopBar({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const setLanguage = useUiStore((s) => s.setLanguage)
  return (
    <header className="top-bar">
      <div className="top-bar__titles">
        <h1 className="top-bar__centre">{localized(centre.name, language)}</h1>
        {centre.address !== '' && <p className="top-bar__address">{centre.address}</p>}
      </div>
      <button
        type="button"
        className="button button--language"
        aria-label={t('language.label')}
        lang={language === 'vi' ? 'en' : 'vi'}
        onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
      >
        {t('language.switchTo')}
      </button>
    </header>
  )
}

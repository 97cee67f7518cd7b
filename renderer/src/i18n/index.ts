import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language, LocalizedText } from '../../../shared/schemas/common'

/**
 * All citizen-facing text lives in `vi/<area>.json` and `en/<area>.json`; components only use keys such as
 * `home.counters` (file `home.json`, key `counters`). A new screen adds its own pair of files — nothing to register.
 */
type Messages = Record<string, unknown>

function collect(files: Record<string, Messages>): Messages {
  return Object.fromEntries(
    Object.entries(files).map(([file, messages]) => [file.replace(/^.*\/([\w-]+)\.json$/, '$1'), messages]),
  )
}

const vi = collect(import.meta.glob<Messages>('./vi/*.json', { eager: true, import: 'default' }))
const en = collect(import.meta.glob<Messages>('./en/*.json', { eager: true, import: 'default' }))

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
})

export { i18next }

/** Text configured by the centre in both languages; English falls back to Vietnamese when left empty. */
export function localized(text: LocalizedText, language: Language): string {
  return language === 'en' && text.en !== '' ? text.en : text.vi
}

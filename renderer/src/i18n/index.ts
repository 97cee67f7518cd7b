import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language, LocalizedText } from '../../../shared/schemas/common'
import en from './en.json'
import vi from './vi.json'

/** All citizen-facing text lives in vi.json / en.json; components only use keys. Vietnamese is the default. */
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

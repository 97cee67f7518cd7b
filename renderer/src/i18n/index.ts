import i18next, { type BackendModule } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language, LocalizedText } from '../../../shared/schemas/common'

/**
 * All citizen-facing text lives in `vi/<area>.json` and `en/<area>.json`; components only use keys such as
 * `home.counters` (file `home.json`, key `counters`). A new screen adds its own pair of files — nothing to register.
 */
type Messages = Record<string, unknown>

const areaOf = (file: string): string => file.replace(/^.*\/([\w-]+)\.json$/, '$1')

function collect(files: Record<string, Messages>): Messages {
  return Object.fromEntries(Object.entries(files).map(([file, messages]) => [areaOf(file), messages]))
}

const vi = collect(import.meta.glob<Messages>('./vi/*.json', { eager: true, import: 'default' }))
// English is its own chunk, fetched from the local build the first time a citizen picks it: most never do, so the
// first screen does not carry it.
const enFiles = import.meta.glob<Messages>('./en/*.json', { import: 'default' })

const laterLanguages: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {})
    Promise.all(Object.entries(enFiles).map(async ([file, load]) => [areaOf(file), await load()] as const)).then(
      (areas) => callback(null, Object.fromEntries(areas)),
      (error: unknown) => callback(error instanceof Error ? error : String(error), null),
    )
  },
}

void i18next
  .use(laterLanguages)
  .use(initReactI18next)
  .init({
    resources: { vi: { translation: vi } },
    // Vietnamese is bundled; the backend above is asked only for what is missing (English).
    partialBundledLanguages: true,
    // Ready before the first render: Vietnamese needs no loading.
    initAsync: false,
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

import { create } from 'zustand'
import type { Language } from '../../../shared/schemas/common'
import { i18next } from '../i18n'

interface UiState {
  language: Language
  /** The kiosk's configured language, which every new citizen starts with. */
  defaultLanguage: Language
  highContrast: boolean
  largeText: boolean
  setLanguage(language: Language): void
  setDefaultLanguage(language: Language): void
  toggleHighContrast(): void
  toggleLargeText(): void
  /** Back to the kiosk's defaults: the next citizen should not inherit the last one's choices. */
  resetForNextCitizen(): void
}

function applyToDocument(state: Pick<UiState, 'language' | 'highContrast' | 'largeText'>): void {
  void i18next.changeLanguage(state.language)
  const root = document.documentElement
  root.lang = state.language
  root.classList.toggle('high-contrast', state.highContrast)
  root.classList.toggle('large-text', state.largeText)
}

/** Per-citizen display choices: language, high contrast, large text. */
export const useUiStore = create<UiState>()((set, get) => {
  const update = (patch: Partial<UiState>) => {
    set(patch)
    applyToDocument(get())
  }
  return {
    language: 'vi',
    defaultLanguage: 'vi',
    highContrast: false,
    largeText: false,
    setLanguage: (language) => update({ language }),
    setDefaultLanguage: (language) => update({ defaultLanguage: language, language }),
    toggleHighContrast: () => update({ highContrast: !get().highContrast }),
    toggleLargeText: () => update({ largeText: !get().largeText }),
    resetForNextCitizen: () => update({ language: get().defaultLanguage, highContrast: false, largeText: false }),
  }
})

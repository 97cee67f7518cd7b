import { create } from 'zustand'
import type { Language } from '../../../shared/schemas/common'
import { i18next } from '../i18n'

interface UiState {
  language: Language
  setLanguage(language: Language): void
}

/** Per-session display choices. The kiosk's default language comes from its settings; a citizen may switch. */
export const useUiStore = create<UiState>()((set) => ({
  language: 'vi',
  setLanguage(language) {
    void i18next.changeLanguage(language)
    document.documentElement.lang = language
    set({ language })
  },
}))

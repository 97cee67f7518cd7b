import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { MemoryRouter, Route, Routes } from 'react-router'
import { useCentreStore } from './stores/centre-store'
import { useUiStore } from './stores/ui-store'
import { AreaScreen } from './screens/AreaScreen'
import { HomeScreen } from './screens/HomeScreen'

/**
 * Routes live in memory, not in the address bar: a kiosk has no back button to press and a reload always lands
 * on the citizen home screen.
 */
export function App() {
  const { t } = useTranslation()
  const state = useCentreStore((s) => s.state)
  const load = useCentreStore((s) => s.load)
  const setLanguage = useUiStore((s) => s.setLanguage)

  useEffect(() => {
    void load()
  }, [load])

  const defaultLanguage = state.overview?.kiosk.language
  useEffect(() => {
    if (defaultLanguage) setLanguage(defaultLanguage)
  }, [defaultLanguage, setLanguage])

  if (state.status === 'loading') {
    return (
      <main className="screen screen--center" aria-busy="true">
        <p className="message">{t('app.loading')}</p>
      </main>
    )
  }
  if (state.status === 'failed') {
    return (
      <main className="screen screen--center">
        <p className="message" role="alert">
          {t('app.loadFailed')}
        </p>
        <button type="button" className="button button--primary" onClick={() => void load()}>
          {t('app.retry')}
        </button>
      </main>
    )
  }
  return (
    <MemoryRouter>
      <Routes>
        <Route path="/" element={<HomeScreen overview={state.overview} />} />
        <Route path="/staff" element={<AreaScreen centre={state.overview.centre} area="staff" />} />
        <Route path="/admin" element={<AreaScreen centre={state.overview.centre} area="admin" />} />
      </Routes>
    </MemoryRouter>
  )
}

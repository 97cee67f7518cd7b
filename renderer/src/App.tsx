import { Suspense, lazy, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { MemoryRouter, Navigate, Route, Routes } from 'react-router'
import { LoadFailed } from './components/LoadFailed'
import { deviceEntry } from './network/device-entry'
import { LinkGate } from './network/LinkGate'
import { useCentreStore } from './stores/centre-store'
import { useUiStore } from './stores/ui-store'
import { HomeScreen } from './screens/HomeScreen'
import { initialEntry } from './screens/queue/initial-entry'
import { queueRoutes } from './screens/queue/routes'
import { RatingFlow } from './screens/rating/RatingFlow'
import { RatingLauncher } from './screens/rating/RatingLauncher'

// Staff and admin pages (and the chart library they use) load only when opened: the citizen screens, which every
// kiosk shows all day, ship without them.
const StaffScreen = lazy(() => import('./screens/staff/StaffScreen').then((m) => ({ default: m.StaffScreen })))
const AdminScreen = lazy(() => import('./screens/admin/AdminScreen').then((m) => ({ default: m.AdminScreen })))

/** A client PC shows nothing of the centre before it is paired (see LinkGate); the hub and a single kiosk pass. */
export function App() {
  return (
    <LinkGate>
      <CentreApp />
    </LinkGate>
  )
}

/**
 * Routes live in memory, not in the address bar: a kiosk has no back button to press and a reload always lands
 * on the citizen home screen — or, on a paired board, console or IT client, on that role's screen, which is also
 * where its "home" leads.
 */
function CentreApp() {
  const { t } = useTranslation()
  const state = useCentreStore((s) => s.state)
  const load = useCentreStore((s) => s.load)
  const setDefaultLanguage = useUiStore((s) => s.setDefaultLanguage)

  useEffect(() => {
    void load()
  }, [load])

  const defaultLanguage = state.overview?.kiosk.language
  useEffect(() => {
    if (defaultLanguage) setDefaultLanguage(defaultLanguage)
  }, [defaultLanguage, setDefaultLanguage])

  const loading = (
    <main className="screen screen--center" aria-busy="true">
      <p className="message">{t('app.loading')}</p>
    </main>
  )
  if (state.status === 'loading') return loading
  if (state.status === 'failed') return <LoadFailed onRetry={() => void load()} />
  const entry = deviceEntry(state.overview.device)
  return (
    <MemoryRouter initialEntries={[entry ?? initialEntry(window.location.hash)]}>
      <Routes>
        <Route
          path="/"
          element={entry === null ? <HomeScreen overview={state.overview} /> : <Navigate to={entry} replace />}
        />
        <Route path="/staff" element={<Suspense fallback={loading}><StaffScreen centre={state.overview.centre} /></Suspense>} />
        <Route path="/admin" element={<Suspense fallback={loading}><AdminScreen centre={state.overview.centre} /></Suspense>} />
        <Route path="/rate" element={<RatingFlow overview={state.overview} />} />
        {queueRoutes(state.overview)}
      </Routes>
      <RatingLauncher kiosk={state.overview.kiosk} />
    </MemoryRouter>
  )
}

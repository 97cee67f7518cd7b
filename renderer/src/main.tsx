import '@fontsource/be-vietnam-pro/400.css'
import '@fontsource/be-vietnam-pro/600.css'
import './styles.css'
import './shapes.css'
import './i18n'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

/** Errors the UI cannot handle are recorded for IT through the contract (never sent anywhere else). */
function report(message: string, stack?: string): void {
  void window.api.diagnostics.report({
    message: message.slice(0, 500) || 'unknown error',
    screen: window.location.hash.slice(0, 100),
    stack: stack?.slice(0, 4000),
  })
}

window.addEventListener('error', (event) => report(String(event.message), (event.error as Error | undefined)?.stack))
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason
  report(reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : undefined)
})

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

import { useEffect, type ReactNode } from 'react'
import type { LinkStatus } from '../../../shared/schemas/devices'
import { useTranslation } from 'react-i18next'
import { LoadFailed } from '../components/LoadFailed'
import { useCentreStore } from '../stores/centre-store'
import { useLinkStore } from '../stores/link-store'
import { OfflineBanner } from './OfflineBanner'
import './network.css'
import { lazyPart } from '../components/lazy-part'

const PairScreen = lazyPart(() => import('./PairScreen').then((m) => m.PairScreen))

/** How often a screen showing "Mất kết nối" re-reads the link's state from its shell (pushes are the fast path). */
const OFFLINE_RECHECK_MS = 3000

/** A new link status, pushed or re-read: stored, and the screens reloaded where it calls for it. */
function applyLinkStatus(next: LinkStatus): void {
  const before = useLinkStore.getState().status
  useLinkStore.getState().set(next)
  const centre = useCentreStore.getState()
  if (next.mode === 'client' && next.state === 'online' && centre.state.status === 'failed') void centre.load()
  // IT moved this PC to another counter: its screens start again there (the hub ended any session on it).
  const moved = before?.mode === 'client' && next.mode === 'client' && before.counterId !== next.counterId
  if (moved && centre.state.status === 'ready') void centre.load()
}

/**
 * Before any screen of the centre: where this PC stands. The hub and a single kiosk go straight on; a client not
 * paired (or revoked) gets "Kết nối với kiosk chính"; a paired client gets its screens with the offline banner
 * over them while the hub is away, and a start-up that failed while it was away is retried when it is back.
 */
export function LinkGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const status = useLinkStore((s) => s.status)
  const failed = useLinkStore((s) => s.failed)
  const load = useLinkStore((s) => s.load)

  useEffect(() => {
    const off = window.api.on('link:status', applyLinkStatus)
    void load()
    return off
  }, [load])

  // While the hub is away the screen also asks its shell every few seconds: a push missed (the page's own event
  // stream reconnecting at that moment) must not leave "Mất kết nối" up over a link that is back.
  const offline = status?.mode === 'client' && status.state === 'offline'
  useEffect(() => {
    if (!offline) return
    const timer = setInterval(() => {
      // Through the store: an answer a push overtook on its way is dropped, as the first question's is.
      void useLinkStore
        .getState()
        .reread()
        .then((next) => {
          if (next !== null) applyLinkStatus(next)
        })
    }, OFFLINE_RECHECK_MS)
    return () => clearInterval(timer)
  }, [offline])

  if (failed) return <LoadFailed onRetry={() => void load()} />
  if (status === null) {
    return (
      <main className="screen screen--center" aria-busy="true">
        <p className="message">{t('app.loading')}</p>
      </main>
    )
  }
  if (status.mode === 'unpaired') return <PairScreen revoked={false} />
  if (status.mode === 'client' && status.state === 'revoked') return <PairScreen revoked />
  return (
    <>
      {children}
      <OfflineBanner />
    </>
  )
}

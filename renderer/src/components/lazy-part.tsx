import { Suspense, lazy, type ComponentType, type ReactNode } from 'react'

/**
 * A part of a screen whose code is fetched (from the local build, never the network) the first time it shows:
 * the on-screen keyboard, the QR code, the pairing screen. The citizen's first screen does not carry them.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Part = lazy(async () => ({ default: await load() }))
  const Lazy = Part as unknown as ComponentType<P>
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    )
  }
}

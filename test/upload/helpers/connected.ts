import { expect } from 'vitest'
import { testCollector } from './collector'
import { testKiosk } from './kiosk'

/**
 * A kiosk enrolled at a fresh collector (the first flush enrolls it), with `count` pending ratings and jitter
 * pinned to the middle (random 0.5) so backoff waits are predictable.
 */
export async function connectedKiosk(count: number) {
  const collector = await testCollector()
  const kiosk = testKiosk({ random: () => 0.5 })
  kiosk.connect(collector)
  expect(await kiosk.uploader.flush('manual')).toBe('done')
  const uuids = kiosk.rate(count, { stepMs: 0 })
  return { collector, kiosk, uuids }
}

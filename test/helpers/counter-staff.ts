import type { Core } from '../../electron/core/core'
import { cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from './core'
import type { CoreOptions } from '../../electron/core/core'

const COUNTER_CALLS: ReadonlySet<unknown> = new Set([
  'queue:counter',
  'queue:callNext',
  'queue:recall',
  'queue:serve',
  'queue:skip',
  'queue:transfer',
  'queue:complete',
])

/**
 * A test core whose counter calls are made by IT (the admin may act at any counter). For tests about the queue's
 * behaviour, not its access rules (those are in test/queue/counter-access.test.ts): the admin logs in again
 * whenever the session has ended — a fixed clock moved past the idle limit, or a restart.
 */
export function staffedCore(overrides: Partial<CoreOptions> = {}): Core {
  const core = testCore({ pinCost: cheapCost, ...overrides })
  return { ...core, invoke: (channel, input) => staffInvoke(core, channel, input) }
}

export async function staffInvoke(core: Core, channel: unknown, input: unknown): ReturnType<Core['invoke']> {
  if (COUNTER_CALLS.has(channel)) {
    const session = await core.invoke('auth:session', {}, TEST_CLIENT)
    if (!session.ok || session.value === null) await loginAdmin(core)
  }
  return core.invoke(channel, input, TEST_CLIENT)
}

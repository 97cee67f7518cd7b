import { vi } from 'vitest'
import type { EventName } from '../../shared/channels'
import { ok } from '../../shared/result'
import type { KioskSettings } from '../../shared/schemas/centre'
import type { Core } from '../../electron/core/core'
import type { CallContext } from '../../electron/core/dispatch'
import type { EventListener } from '../../electron/core/event-hub'
import type { MediaFile } from '../../electron/core/media'

/**
 * A stand-in for core in shell tests: the shell's job is to route to core and guard the way there, not what
 * core answers (core has its own tests on real SQLite). `emit` plays a core push event.
 */
export function stubCore(
  display: KioskSettings['display'] = { kiosk: true, fullscreen: true, boardOnSecondDisplay: false },
) {
  const listeners = new Set<EventListener>()
  const settings: KioskSettings = {
    mode: 'lobby',
    counterId: null,
    language: 'vi',
    idle: { citizenSeconds: 60, staffSeconds: 60 },
    display,
  }
  const core = {
    dbFile: '/var/kiosk/user-data/kiosk.db',
    invoke: vi.fn((channel: unknown, input: unknown, _context: CallContext) => Promise.resolve(ok({ channel, input }))),
    subscribe: vi.fn((listener: EventListener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }),
    readMedia: vi.fn((_mediaPath: string): MediaFile | null => null),
    kioskSettings: vi.fn(() => settings),
    startBackgroundJobs: vi.fn(),
    close: vi.fn(),
    emit(event: EventName, payload: unknown): void {
      for (const listener of listeners) listener(event, payload)
    },
    listenerCount: () => listeners.size,
  } satisfies Core & Record<string, unknown>
  return core
}

import type { EventName } from '../../shared/channels'
import { events, type EventPayload } from '../../shared/contract'

export type EventListener = (event: EventName, payload: unknown) => void

/** Push events from core to whichever shell is listening (IPC to the window, or the web host's stream). */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  subscribe(listener: EventListener): () => void
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>()
  return {
    emit(event, payload) {
      // Checked like every other boundary: a malformed event is a bug here, not the renderer's problem.
      const checked = events[event].parse(payload)
      for (const listener of listeners) listener(event, checked)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

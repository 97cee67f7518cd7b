import { create } from 'zustand'
import type { IssuedTicket, QueueBoard, QueueCall, QueueOptions } from '../../../shared/schemas/queue'

/** How many spoken calls the voice history keeps (for IT and tests; the board shows its own recent calls). */
const SPOKEN_KEPT = 20

interface VoiceQueue {
  /** Calls waiting to be spoken, oldest first. */
  pending: QueueCall[]
  /** The call being spoken now; the next starts only when it ends, so two calls never overlap. */
  speaking: QueueCall | null
  spoken: QueueCall[]
}

interface QueueStore {
  board: QueueBoard | null
  options: QueueOptions | null
  failed: boolean
  /** The ticket just taken at this kiosk, shown until the citizen is done. */
  issued: IssuedTicket | null
  voice: VoiceQueue
  /** Loads the board and options, then follows the pushed events. Returns the unsubscribe function. */
  connect(): () => void
  take(fieldId: number, priorityGroup: string | null): Promise<boolean>
  clearIssued(): void
  /** Moves the oldest pending call to `speaking`, if nothing is being spoken. Returns it, or null. */
  startNextCall(): QueueCall | null
  finishCall(): void
}

const emptyVoice: VoiceQueue = { pending: [], speaking: null, spoken: [] }

/** The queue as this kiosk sees it: the board (pushed by core, never polled), the voice queue, the issued ticket. */
export const useQueueStore = create<QueueStore>()((set, get) => ({
  board: null,
  options: null,
  failed: false,
  issued: null,
  voice: emptyVoice,

  connect() {
    let live = true
    // Subscribe first, so a change between the fetch and the subscription is not missed.
    const offChanged = window.api.on('queue:changed', (board) => set({ board }))
    const offCalled = window.api.on('queue:called', (call) => {
      if (get().options?.voice.enabled !== true) return
      set((s) => ({ voice: { ...s.voice, pending: [...s.voice.pending, call] } }))
    })
    void Promise.all([window.api.queue.board({}), window.api.queue.options({})]).then(([board, options]) => {
      if (!live) return
      if (!board.ok || !options.ok) return set({ failed: true })
      // A push that arrived while the fetch was on its way is newer: keep it.
      set((s) => ({
        board: s.board !== null && s.board.generatedAt > board.value.generatedAt ? s.board : board.value,
        options: options.value,
        failed: false,
      }))
    })
    return () => {
      live = false
      offChanged()
      offCalled()
    }
  },

  async take(fieldId, priorityGroup) {
    const result = await window.api.queue.take({ fieldId, priorityGroup })
    set({ issued: result.ok ? result.value : null })
    return result.ok
  },

  clearIssued: () => set({ issued: null }),

  startNextCall() {
    const { voice } = get()
    const [next, ...rest] = voice.pending
    if (voice.speaking !== null || next === undefined) return null
    set({ voice: { ...voice, pending: rest, speaking: next } })
    return next
  },

  finishCall() {
    const { voice } = get()
    if (voice.speaking === null) return
    set({ voice: { ...voice, speaking: null, spoken: [...voice.spoken, voice.speaking].slice(-SPOKEN_KEPT) } })
  },
}))

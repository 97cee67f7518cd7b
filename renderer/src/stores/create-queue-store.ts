import { create } from 'zustand'
import type { KioskApi } from '../../../shared/bridge'
import type { ErrorCode } from '../../../shared/result'
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

export interface QueueStore {
  board: QueueBoard | null
  options: QueueOptions | null
  failed: boolean
  /** The ticket just taken at this kiosk, shown until the citizen is done. */
  issued: IssuedTicket | null
  voice: VoiceQueue
  /** How many voice players are mounted: calls are queued for speaking only while at least one is. */
  voicePlayers: number
  /** Loads the board and options, then follows the pushed events. Returns the unsubscribe function. */
  connect(): () => void
  /** A voice player mounts; returns its unmount. The last one leaving drops what was still to be spoken. */
  attachVoicePlayer(): () => void
  /** Takes a number; false when it failed. A second take while one is on its way is refused, not sent. */
  take(fieldId: number, priorityGroup: string | null): Promise<boolean>
  /** A take is on its way (the screens disable their buttons). */
  taking: boolean
  /** Why the last take failed (RATE_LIMITED: this screen took many numbers just now), or null. */
  takeError: ErrorCode | null
  clearIssued(): void
  /** Moves the oldest pending call to `speaking`, if nothing is being spoken. Returns it, or null. */
  startNextCall(): QueueCall | null
  finishCall(): void
}

const emptyVoice: VoiceQueue = { pending: [], speaking: null, spoken: [] }

/**
 * The queue as this kiosk sees it: the board (pushed by core, never polled), the voice queue, the issued ticket.
 * Built from the bridge it talks to, so its rules can be tested in Node with a fake one; the app's instance is
 * `useQueueStore` (use-queue-store.ts).
 */
export const createQueueStore = (api: () => KioskApi) =>
  create<QueueStore>()((set, get) => ({
  board: null,
  options: null,
  failed: false,
  issued: null,
  voice: emptyVoice,
  voicePlayers: 0,
  taking: false,
  takeError: null,

  connect() {
    let live = true
    // Subscribe first, so a change between the fetch and the subscription is not missed.
    const offChanged = api().on('queue:changed', (board) => set({ board }))
    const offCalled = api().on('queue:called', (call) => {
      const { options, voicePlayers, voice } = get()
      // Only where something will speak it: a counter-mode kiosk has no player and must not hoard calls all day.
      // Before the options arrive the call is kept; they decide (voice on or off) when they come.
      if (voicePlayers === 0 || options?.voice.enabled === false) return
      const known = [...voice.pending, ...(voice.speaking === null ? [] : [voice.speaking]), ...voice.spoken]
      if (known.some((c) => c.eventId === call.eventId)) return // two mounted screens both connected
      set((s) => ({ voice: { ...s.voice, pending: [...s.voice.pending, call] } }))
    })
    const offPrinted = api().on('queue:printed', ({ uid, print }) => {
      const { issued } = get()
      if (issued !== null && issued.uid === uid) set({ issued: { ...issued, print } })
    })
    // IT saved new options (voice, priority groups): a screen mounted all day, like the board, follows at once.
    let optionsPushed = false
    const offOptions = api().on('queue:options', (options) => {
      optionsPushed = true
      set((s) => ({ options, voice: options.voice.enabled ? s.voice : { ...s.voice, pending: [] } }))
    })
    void Promise.all([api().queue.board({}), api().queue.options({})]).then(([board, fetched]) => {
      if (!live) return
      if (!board.ok || !fetched.ok) return set({ failed: true })
      // A push that arrived while the fetch was on its way is newer: keep it.
      set((s) => {
        const options = optionsPushed && s.options !== null ? s.options : fetched.value
        return {
          board: s.board !== null && s.board.generatedAt > board.value.generatedAt ? s.board : board.value,
          options,
          failed: false,
          // Calls that came in before the options: spoken only if the voice is on.
          voice: options.voice.enabled ? s.voice : { ...s.voice, pending: [] },
        }
      })
    })
    return () => {
      live = false
      offChanged()
      offCalled()
      offPrinted()
      offOptions()
    }
  },

  attachVoicePlayer() {
    set((s) => ({ voicePlayers: s.voicePlayers + 1 }))
    return () =>
      set((s) => {
        const voicePlayers = s.voicePlayers - 1
        return voicePlayers > 0 ? { voicePlayers } : { voicePlayers, voice: { ...s.voice, pending: [] } }
      })
  },

  async take(fieldId, priorityGroup) {
    // Checked and set synchronously: a double tap lands here twice before any answer can re-render the screen.
    if (get().taking) return false
    set({ taking: true })
    try {
      const result = await api().queue.take({ fieldId, priorityGroup })
      set({ issued: result.ok ? result.value : null, takeError: result.ok ? null : result.error.code })
      return result.ok
    } finally {
      set({ taking: false })
    }
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

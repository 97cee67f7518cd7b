import { describe, expect, it } from 'vitest'
import { buildApi } from '../../shared/bridge'
import type { CallName, EventName } from '../../shared/channels'
import type { QueueCall, QueueOptions } from '../../shared/schemas/queue'
import { createQueueStore } from '../../renderer/src/stores/create-queue-store'

/**
 * The renderer's queue store against a fake bridge: which pushed calls end up waiting to be spoken. The options
 * answer is held back until the test releases it, to replay "a call arrives before the options".
 */
function harness(voiceEnabled = true) {
  const listeners = new Map<EventName, ((payload: unknown) => void)[]>()
  let releaseOptions: () => void = () => {}
  const optionsHeld = new Promise<void>((resolve) => (releaseOptions = resolve))
  const options: QueueOptions = {
    source: 'builtin',
    priorityGroups: [],
    voice: { enabled: voiceEnabled, volume: 1 },
    timeZone: 'Asia/Ho_Chi_Minh',
  }
  const board = {
    source: 'builtin',
    serviceDay: '2026-11-26',
    counters: [],
    recentCalls: [],
    waiting: [],
    connection: { state: 'live', dataAt: null },
    generatedAt: 1,
  }
  const api = buildApi({
    invoke: async (channel: CallName) => {
      if (channel === 'queue:options') {
        await optionsHeld
        return { ok: true, value: options }
      }
      if (channel === 'queue:board') return { ok: true, value: board }
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: channel } }
    },
    subscribe: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return () => listeners.set(event, (listeners.get(event) ?? []).filter((l) => l !== listener))
    },
  })
  const store = createQueueStore(() => api)
  let eventId = 0
  const call = (): QueueCall => {
    eventId += 1
    const payload: QueueCall = { ticketCode: 'A0001', counterNumber: 1, kind: 'called', at: 1, eventId }
    for (const l of listeners.get('queue:called') ?? []) l(payload)
    return payload
  }
  const loaded = async () => {
    releaseOptions()
    // The store's fetch resolves on later turns of the microtask queue; wait until it has stored the options.
    while (store.getState().options === null) await Promise.resolve()
  }
  /** IT saved the queue options: core pushes them to every open screen. */
  const pushOptions = (changed: Partial<QueueOptions>): QueueOptions => {
    const payload = { ...options, ...changed }
    for (const l of listeners.get('queue:options') ?? []) l(payload)
    return payload
  }
  return { store, call, loaded, pushOptions }
}

describe('queue store: what the voice will speak', () => {
  it('keeps a call that arrives before the options, and speaks it once they say the voice is on', async () => {
    const { store, call, loaded } = harness()
    store.getState().attachVoicePlayer()
    store.getState().connect()
    const early = call()
    await loaded()
    expect(store.getState().voice.pending).toEqual([early])
  })

  it('drops the early calls when the options say the voice is off', async () => {
    const { store, call, loaded } = harness(false)
    store.getState().attachVoicePlayer()
    store.getState().connect()
    call()
    await loaded()
    call()
    expect(store.getState().voice.pending).toEqual([])
  })

  it('queues nothing where no voice player is mounted (a counter-mode kiosk), and stops when the last one leaves', async () => {
    const { store, call, loaded } = harness()
    store.getState().connect()
    await loaded()
    for (let i = 0; i < 50; i += 1) call()
    expect(store.getState().voice.pending).toEqual([])
    const detach = store.getState().attachVoicePlayer()
    const spoken = call()
    expect(store.getState().voice.pending).toEqual([spoken])
    detach()
    call()
    expect(store.getState().voice.pending).toEqual([])
  })

  it('queues a call once even when two mounted screens are both connected', async () => {
    const { store, call, loaded } = harness()
    store.getState().attachVoicePlayer()
    store.getState().connect()
    store.getState().connect()
    await loaded()
    const one = call()
    expect(store.getState().voice.pending).toEqual([one])
  })

  it('follows options IT saves while the screen stays open: voice off drops what waits and speaks nothing new', async () => {
    const { store, call, loaded, pushOptions } = harness()
    store.getState().attachVoicePlayer()
    store.getState().connect()
    await loaded()
    call()
    const pushed = pushOptions({ voice: { enabled: false, volume: 1 } })
    expect(store.getState().options).toEqual(pushed)
    expect(store.getState().voice.pending).toEqual([])
    call()
    expect(store.getState().voice.pending).toEqual([])
  })

  it('keeps options pushed while its own fetch was on its way (the push is newer)', async () => {
    const { store, loaded, pushOptions } = harness()
    store.getState().connect()
    const label = { vi: 'Người cao tuổi (trên 75)', en: 'Elderly (over 75)' }
    const pushed = pushOptions({ priorityGroups: [{ key: 'nguoi_cao_tuoi', label }] })
    await loaded()
    // The fetch stores the board and the options together: once the board is there, the fetch has landed.
    while (store.getState().board === null) await Promise.resolve()
    expect(store.getState().options).toEqual(pushed)
  })
})

describe('queue store: taking a number', () => {
  it('keeps why the last take failed, so the screen can ask to wait a moment, and forgets it once a take works', async () => {
    const issued = { uid: 'ticket-1', code: 'A0001' }
    const answers: unknown[] = [
      { ok: false, error: { code: 'RATE_LIMITED', message: 'too many numbers from this screen' } },
      { ok: true, value: issued },
    ]
    const api = buildApi({ invoke: async () => answers.shift(), subscribe: () => () => {} })
    const store = createQueueStore(() => api)
    expect(await store.getState().take(1, null)).toBe(false)
    expect(store.getState()).toMatchObject({ takeError: 'RATE_LIMITED', issued: null })
    expect(await store.getState().take(1, null)).toBe(true)
    expect(store.getState()).toMatchObject({ takeError: null, issued })
  })
})

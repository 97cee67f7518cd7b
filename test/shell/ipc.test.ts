import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CALLS } from '../../shared/channels'
import { forwardEvents, registerIpc } from '../../electron/main/ipc'
import { APP_ORIGIN } from '../../electron/main/mode'
import { isTrustedSender } from '../../electron/main/security/sender'
import {
  createFakeElectron,
  FakeFrame,
  FakeIpcMain,
  FakeWebContents,
  spyLogger,
  type FakeElectron,
} from './fake-electron'
import { stubCore } from './stub-core'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

/** registerIpc with the real sender check, as index.ts wires it. */
function setUp() {
  const ipcMain = new FakeIpcMain()
  const core = stubCore()
  const log = spyLogger()
  registerIpc(ipcMain as unknown as IpcMain, core, (event) => isTrustedSender(event, [APP_ORIGIN]), log)
  const call = (channel: string, event: IpcMainInvokeEvent, input: unknown, ...extra: unknown[]) => {
    const handler = ipcMain.handlers.get(channel)
    if (handler === undefined) throw new Error(`no handler for ${channel}`)
    return Promise.resolve(handler(event, input, ...extra))
  }
  return { ipcMain, core, log, call }
}

function eventFrom(url: string, options: { subFrame?: boolean; noFrame?: boolean } = {}): IpcMainInvokeEvent {
  const contents = new FakeWebContents()
  contents.mainFrame = new FakeFrame(url)
  const frame = options.noFrame ? null : options.subFrame ? new FakeFrame(url, contents.mainFrame) : contents.mainFrame
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } }

describe('registerIpc', () => {
  it('registers exactly one handler per contract call, and nothing else', () => {
    const { ipcMain } = setUp()
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CALLS].sort())
  })

  it.each(CALLS)('passes %s from the app main frame to core.invoke and returns its envelope', async (channel) => {
    const { core, call } = setUp()
    const input = { limit: 5 }
    const event = eventFrom('app://kiosk/index.html')
    const result = await call(channel, event, input)
    expect(core.invoke).toHaveBeenCalledExactlyOnceWith(channel, input, { clientId: `wc:${event.sender.id}` })
    expect(result).toEqual({ ok: true, value: { channel, input } })
  })

  it('names the client by the sending window: two windows are two clients, one window keeps its id', async () => {
    const { core, call } = setUp()
    const first = eventFrom('app://kiosk/index.html')
    const second = eventFrom('app://kiosk/index.html')
    await call('auth:session', first, null)
    await call('auth:session', second, null)
    await call('auth:session', first, null)
    const clients = core.invoke.mock.calls.map((args) => args[2].clientId)
    expect(first.sender.id).not.toBe(second.sender.id)
    expect(clients).toEqual([`wc:${first.sender.id}`, `wc:${second.sender.id}`, `wc:${first.sender.id}`])
  })

  it('ignores a client id smuggled in the input: only the sender decides', async () => {
    const { core, call } = setUp()
    const event = eventFrom('app://kiosk/index.html')
    await call('auth:session', event, { clientId: 'wc:999' }, 'wc:999')
    expect(core.invoke.mock.calls[0]?.[2]).toEqual({ clientId: `wc:${event.sender.id}` })
  })

  it.each([
    ['a foreign origin', eventFrom('https://example.com/')],
    ['app://evil', eventFrom('app://evil/index.html')],
    ['https://kiosk', eventFrom('https://kiosk/index.html')],
    ['a sub-frame of the app', eventFrom('app://kiosk/index.html', { subFrame: true })],
    ['a null senderFrame', eventFrom('app://kiosk/index.html', { noFrame: true })],
  ])('answers FORBIDDEN to %s and never calls core', async (_name, event) => {
    const { core, call, log } = setUp()
    for (const channel of CALLS) {
      expect(await call(channel, event, {})).toEqual(forbidden)
    }
    expect(core.invoke).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledTimes(CALLS.length)
  })
})

describe('forwardEvents', () => {
  const payload = { id: 1 }

  it('sends core events to the web-contents while it is alive', () => {
    const core = stubCore()
    const contents = new FakeWebContents()
    forwardEvents(core, contents.asWebContents())
    core.emit('queue:changed', payload)
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('queue:changed', payload)
  })

  it('stops when the web-contents is destroyed', () => {
    const core = stubCore()
    const contents = new FakeWebContents()
    forwardEvents(core, contents.asWebContents())
    contents.destroy()
    core.emit('queue:changed', payload)
    expect(contents.send).not.toHaveBeenCalled()
    expect(core.listenerCount()).toBe(0)
  })

  it('never sends to a web-contents that is already destroyed but has not said so yet', () => {
    const core = stubCore()
    const contents = new FakeWebContents()
    forwardEvents(core, contents.asWebContents())
    contents.destroyed = true
    core.emit('queue:changed', payload)
    expect(contents.send).not.toHaveBeenCalled()
    expect(core.listenerCount()).toBe(0)
  })

  it("never sends IT's system log to a window (a citizen's rating screen is one): IT reads it with system:events", () => {
    const core = stubCore()
    const contents = new FakeWebContents()
    forwardEvents(core, contents.asWebContents())
    core.emit('system:event', { id: 1, at: 0, kind: 'renderer.error', detail: 'at secret (app.js:1)' })
    core.emit('queue:changed', payload)
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('queue:changed', payload)
  })

  it('returns an unsubscribe function', () => {
    const core = stubCore()
    const contents = new FakeWebContents()
    const unsubscribe = forwardEvents(core, contents.asWebContents())
    unsubscribe()
    core.emit('queue:changed', payload)
    expect(contents.send).not.toHaveBeenCalled()
  })
})

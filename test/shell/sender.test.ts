import type { IpcMainInvokeEvent } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_ORIGIN } from '../../electron/main/mode'
import { isTrustedSender } from '../../electron/main/security/sender'
import { originOf } from '../../electron/main/security/origin'
import { createFakeElectron, FakeFrame, FakeWebContents, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

function ipcEvent(contents: FakeWebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

function mainFrameAt(url: string): { contents: FakeWebContents; event: IpcMainInvokeEvent } {
  const contents = new FakeWebContents()
  contents.mainFrame = new FakeFrame(url)
  return { contents, event: ipcEvent(contents, contents.mainFrame) }
}

describe('isTrustedSender', () => {
  it("accepts the main frame of the app's origin", () => {
    expect(isTrustedSender(mainFrameAt('app://kiosk/index.html').event, [APP_ORIGIN])).toBe(true)
  })

  it('accepts a top frame that is not the same object as mainFrame but has no parent', () => {
    const contents = new FakeWebContents()
    expect(isTrustedSender(ipcEvent(contents, new FakeFrame('app://kiosk/index.html')), [APP_ORIGIN])).toBe(true)
  })

  it('rejects a sub-frame, even one showing the app origin', () => {
    const contents = new FakeWebContents()
    const child = new FakeFrame('app://kiosk/index.html', contents.mainFrame)
    expect(isTrustedSender(ipcEvent(contents, child), [APP_ORIGIN])).toBe(false)
  })

  it('rejects a null senderFrame (navigated away or destroyed)', () => {
    expect(isTrustedSender(ipcEvent(new FakeWebContents(), null), [APP_ORIGIN])).toBe(false)
  })

  it('rejects a detached frame', () => {
    const { contents } = mainFrameAt('app://kiosk/index.html')
    contents.mainFrame.detached = true
    expect(isTrustedSender(ipcEvent(contents, contents.mainFrame), [APP_ORIGIN])).toBe(false)
  })

  it('rejects a frame that cannot be read any more', () => {
    const contents = new FakeWebContents()
    const frame = new FakeFrame('x')
    Object.defineProperty(frame, 'url', {
      get: () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    })
    expect(isTrustedSender(ipcEvent(contents, frame), [APP_ORIGIN])).toBe(false)
  })

  it.each([
    'app://evil/index.html',
    'https://kiosk/index.html',
    'http://kiosk/index.html',
    'app://kiosk.evil/index.html',
    'app://kiosk:1234/index.html',
    'https://example.com/',
    'file:///opt/kiosk/out/renderer/index.html',
    'about:blank',
    'data:text/html,hi',
    '',
  ])('rejects the main frame of a foreign origin: %s', (url) => {
    expect(isTrustedSender(mainFrameAt(url).event, [APP_ORIGIN])).toBe(false)
  })

  it('accepts the dev server origin in dev, and nothing else', () => {
    const dev = ['http://localhost:5173']
    expect(isTrustedSender(mainFrameAt('http://localhost:5173/').event, dev)).toBe(true)
    expect(isTrustedSender(mainFrameAt('http://localhost:5174/').event, dev)).toBe(false)
    expect(isTrustedSender(mainFrameAt('app://kiosk/index.html').event, dev)).toBe(false)
  })
})

describe('originOf', () => {
  it("keeps custom-scheme hosts apart, where URL.origin says 'null' for all of them", () => {
    expect(new URL('app://kiosk/index.html').origin).toBe('null')
    expect(originOf('app://kiosk/index.html')).toBe('app://kiosk')
    expect(originOf('app://evil/index.html')).toBe('app://evil')
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173')
    expect(originOf('about:blank')).toBeNull()
    expect(originOf('nonsense')).toBeNull()
  })
})

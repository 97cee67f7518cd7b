import type { App, HandlerDetails } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_ORIGIN } from '../../electron/main/mode'
import { guardAllWebContents, guardNavigation } from '../../electron/main/security/navigation'
import { createFakeElectron, fakeEvent, FakeWebContents, spyLogger, must, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

function guarded(allowed: readonly string[] = [APP_ORIGIN]) {
  const contents = new FakeWebContents()
  guardNavigation(contents.asWebContents(), allowed, spyLogger())
  return contents
}

const foreign = [
  'https://example.com/',
  'app://evil/index.html',
  'https://kiosk/index.html',
  'http://kiosk/index.html',
  'file:///etc/passwd',
  'about:blank',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'not a url',
]

describe.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s', (eventName) => {
  it.each(foreign)('is prevented to %s', (url) => {
    const contents = guarded()
    const event = fakeEvent({ url })
    contents.emit(eventName, event, url)
    expect(event.defaultPrevented).toBe(true)
  })

  it.each(['app://kiosk/index.html', 'app://kiosk/', 'app://kiosk/index.html#/rate'])('is allowed to %s', (url) => {
    const contents = guarded()
    const event = fakeEvent({ url })
    contents.emit(eventName, event, url)
    expect(event.defaultPrevented).toBe(false)
  })

  it('allows the dev server origin in dev, and not the app origin then', () => {
    const contents = guarded(['http://localhost:5173'])
    const dev = fakeEvent({ url: 'http://localhost:5173/index.html' })
    const otherPort = fakeEvent({ url: 'http://localhost:5174/' })
    contents.emit(eventName, dev)
    contents.emit(eventName, otherPort)
    expect(dev.defaultPrevented).toBe(false)
    expect(otherPort.defaultPrevented).toBe(true)
  })
})

describe('window.open and webview', () => {
  it.each(['https://example.com/', 'app://kiosk/index.html'])('denies window.open(%s)', (url) => {
    const contents = guarded()
    const answer = contents.windowOpenHandler?.({ url } as HandlerDetails)
    expect(answer).toEqual({ action: 'deny' })
  })

  it('prevents attaching a webview', () => {
    const contents = guarded()
    const event = fakeEvent()
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' })
    expect(event.defaultPrevented).toBe(true)
  })
})

describe('guardAllWebContents', () => {
  it('guards every web-contents the app creates', () => {
    const app = must(electron.fake).app
    guardAllWebContents(app as unknown as App, [APP_ORIGIN], spyLogger())
    const contents = new FakeWebContents()
    app.emit('web-contents-created', fakeEvent(), contents)
    const event = fakeEvent({ url: 'https://example.com/' })
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' } as HandlerDetails)).toEqual({
      action: 'deny',
    })
  })
})

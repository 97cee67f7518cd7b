import { beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_ORIGIN, resolveShellMode } from '../../electron/main/mode'
import { createFakeElectron, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

describe('resolveShellMode', () => {
  it('packaged: locked down, app:// only, and ELECTRON_RENDERER_URL ignored', () => {
    expect(resolveShellMode(true, { ELECTRON_RENDERER_URL: 'http://evil.example:80' })).toEqual({
      production: true,
      devTools: false,
      devServerOrigin: null,
      startUrl: 'app://kiosk/index.html',
      allowedOrigins: [APP_ORIGIN],
    })
  })

  it('dev (`npm run dev`): the dev server is the only allowed origin', () => {
    expect(resolveShellMode(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({
      production: false,
      devTools: true,
      devServerOrigin: 'http://localhost:5173',
      startUrl: 'http://localhost:5173',
      allowedOrigins: ['http://localhost:5173'],
    })
  })

  it('unpackaged build (`npm start`): app:// with devtools', () => {
    const mode = resolveShellMode(false, {})
    expect(mode.startUrl).toBe('app://kiosk/index.html')
    expect(mode.allowedOrigins).toEqual([APP_ORIGIN])
    expect(mode.devTools).toBe(true)
    expect(mode.production).toBe(false)
  })

  it('refuses a dev URL it cannot parse', () => {
    expect(() => resolveShellMode(false, { ELECTRON_RENDERER_URL: 'localhost' })).toThrow(/ELECTRON_RENDERER_URL/)
  })
})

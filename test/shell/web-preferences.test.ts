import { beforeEach, describe, expect, it, vi } from 'vitest'
import { secureWebPreferences } from '../../electron/main/security/web-preferences'
import { createFakeElectron, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences({ preload: '/app/out/preload/index.js', devTools: false })

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['plugins', false],
    ['enableWebSQL', false],
    ['disableDialogs', true],
    ['autoplayPolicy', 'no-user-gesture-required'],
    ['devTools', false],
    ['preload', '/app/out/preload/index.js'],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value)
  })

  it('sets nothing else (no enableBlinkFeatures, no additionalArguments, no partition)', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'autoplayPolicy',
        'contextIsolation',
        'devTools',
        'disableDialogs',
        'enableWebSQL',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'plugins',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    )
  })

  it('allows devtools only when asked (unpackaged checkout)', () => {
    expect(secureWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true)
  })
})

import type { PermissionRequest, WebContents } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { denyAllPermissions } from '../../electron/main/security/permissions'
import { createFakeElectron, FakeSession, spyLogger, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

const permissions = [
  'media',
  'geolocation',
  'notifications',
  'fullscreen',
  'clipboard-read',
  'hid',
  'openExternal',
] as const

describe('denyAllPermissions', () => {
  function setUp() {
    const session = new FakeSession()
    denyAllPermissions(session.asSession(), spyLogger())
    return session
  }

  it.each(permissions)('answers a %s request with false', (permission) => {
    const session = setUp()
    const callback = vi.fn()
    const details = { requestingUrl: 'app://kiosk/index.html', isMainFrame: true } as PermissionRequest
    session.permissionRequestHandler?.({} as WebContents, permission, callback, details)
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
  })

  it.each(permissions)('answers a %s check with false', (permission) => {
    const session = setUp()
    const details = { isMainFrame: true, requestingUrl: 'app://kiosk/index.html' }
    expect(session.permissionCheckHandler?.(null, permission, 'app://kiosk', details)).toBe(false)
  })

  it.each(['hid', 'serial', 'usb'] as const)('denies %s device permission', (deviceType) => {
    const session = setUp()
    const details = { deviceType, origin: 'app://kiosk', device: {} } as Parameters<
      NonNullable<FakeSession['devicePermissionHandler']>
    >[0]
    expect(session.devicePermissionHandler?.(details)).toBe(false)
  })

  it('installs all three handlers', () => {
    const session = setUp()
    expect(session.permissionRequestHandler).toBeTypeOf('function')
    expect(session.permissionCheckHandler).toBeTypeOf('function')
    expect(session.devicePermissionHandler).toBeTypeOf('function')
  })
})

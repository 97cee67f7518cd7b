import type { Session } from 'electron'
import type { ShellLogger } from '../log'

/**
 * Electron security checklist #5: handle session permission requests. The kiosk UI needs no browser permission
 * (camera, microphone, geolocation, notifications, HID/USB/serial, clipboard, fullscreen API, …): the window is
 * made full screen by main, display sleep is blocked by main, and devices are reached from main. So every
 * request, every synchronous check and every device permission is denied, whoever asks.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
  log: ShellLogger,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    log.warn(`permission request denied: ${permission} from ${details.requestingUrl}`)
    callback(false)
  })
  // Checks are frequent and silent (Chromium asks before showing UI), so they are not logged.
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler((details) => {
    log.warn(`device permission denied: ${details.deviceType} for ${details.origin}`)
    return false
  })
}

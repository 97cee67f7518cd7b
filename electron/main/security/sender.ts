import type { IpcMainInvokeEvent } from 'electron'
import { isAllowedOrigin } from './origin'

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/**
 * Electron security checklist #17: validate the sender of all IPC messages. A call is trusted only when
 * - its frame still exists (`senderFrame` is null once the frame navigated away or was destroyed),
 * - it is the top frame of its web-contents (an iframe — none is allowed by the CSP, but defence in depth —
 *   must never reach the core), and
 * - that frame shows the app's own origin (`app://kiosk`, or the dev server in dev). The origin is compared as
 *   scheme + host (origin.ts), because Node reports every custom-scheme origin as the string 'null'.
 */
export function isTrustedSender(event: SenderEvent, allowedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame
  if (frame === null || frame === undefined) return false
  try {
    if (frame.detached) return false
    const isTopFrame = frame === event.sender.mainFrame || frame.parent === null
    return isTopFrame && isAllowedOrigin(frame.url, allowedOrigins)
  } catch {
    // Reading a disposed frame throws; a frame we cannot inspect is not trusted.
    return false
  }
}

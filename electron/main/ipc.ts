import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CALLS, isScreenEvent } from '../../shared/channels'
import { fail } from '../../shared/result'
import type { Core } from '../core/core'
import type { ShellLogger } from './log'

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/**
 * The one IPC entry point (checklist #17, house style §7): for each contract call, one `handle()` that checks the
 * sender, then hands the raw input to core, which parses it strictly, runs the handler and returns the envelope.
 * A foreign sender gets a FORBIDDEN envelope and core is never called, so it cannot cause any effect.
 * Only the first argument is passed on: the preload sends exactly one, anything more is ignored. The client id is
 * the shell's (the sender's webContents id), never the renderer's.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Pick<Core, 'invoke'>,
  isTrusted: SenderCheck,
  log: ShellLogger,
): void {
  for (const channel of CALLS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrusted(event)) {
        log.warn(`${channel} refused: sender ${event.senderFrame?.url ?? '(gone)'} is not the app's main frame`)
        return fail('FORBIDDEN', `${channel}: caller is not the app's main frame`)
      }
      // The webContents id names the calling window for as long as it lives: each window has its own staff session.
      return core.invoke(channel, input, { clientId: `wc:${event.sender.id}` })
    })
  }
}

/**
 * Pushes core's events (queue changed, sync status, …) to the window's renderer, whose preload re-emits them to
 * `api.on` listeners. Sending to a destroyed web-contents throws, so forwarding stops when it is destroyed.
 * Returns the unsubscribe function.
 */
export function forwardEvents(
  core: Pick<Core, 'subscribe'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>,
): () => void {
  const unsubscribe = core.subscribe((event, payload) => {
    if (contents.isDestroyed()) {
      unsubscribe()
      return
    }
    if (isScreenEvent(event)) contents.send(event, payload)
  })
  contents.once('destroyed', unsubscribe)
  return unsubscribe
}

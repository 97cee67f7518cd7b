import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron'
import type { TicketPrinter } from '../core/queue/queue-service'
import type { ShellLogger } from './log'

/** The parts of a BrowserWindow the printer uses; `new BrowserWindow(options)` in index.ts, a fake in tests. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>
  isDestroyed(): boolean
  destroy(): void
  webContents: { print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void }
}

/** A printer that neither prints nor fails within this time is treated as failed: the citizen must not wait. */
export const PRINT_TIMEOUT_MS = 15_000

/**
 * The hidden window a receipt is rendered in. It shows only the receipt HTML core built: no preload, no Node,
 * sandboxed, JavaScript off (the receipt has none), so nothing in it can reach the app.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 400,
    height: 900,
    webPreferences: {
      nodeIntegration: false,
      contextIsolation: true,
      sandbox: true,
      javascript: false,
      webSecurity: true,
      plugins: false,
      spellcheck: false,
      devTools: false,
    },
  }
}

/**
 * Silent printing of queue tickets (issue: "printed silently to the configured printer"). An empty device name
 * means the system's default printer. The paper size is the printer driver's (set it to the 58 or 80 mm roll);
 * the receipt's CSS fits that width. Rejections carry Electron's failure reason, which core records for IT.
 */
export function createTicketPrinter(
  openWindow: (options: BrowserWindowConstructorOptions) => PrintWindow,
  log: ShellLogger,
  timeoutMs = PRINT_TIMEOUT_MS,
): TicketPrinter {
  return async ({ html, deviceName }) => {
    const win = openWindow(printWindowOptions())
    let timer: NodeJS.Timeout | undefined
    // The whole job is under the limit, loading included: a renderer that never finishes loading must fail
    // the job too, or the window (and the failure report IT needs) would hang forever.
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the printer did not answer')), timeoutMs)
    })
    const job = async () => {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
      await new Promise<void>((resolve, reject) => {
        const options: WebContentsPrintOptions = {
          silent: true,
          printBackground: false,
          margins: { marginType: 'none' },
          ...(deviceName === '' ? {} : { deviceName }),
        }
        win.webContents.print(options, (success, failureReason) => {
          if (success) resolve()
          else reject(new Error(failureReason || 'printing failed'))
        })
      })
    }
    const running = job()
    // Once the limit has won, a late failure of the destroyed window is expected: not an unhandled rejection.
    running.catch(() => undefined)
    try {
      await Promise.race([running, limit])
    } catch (error) {
      log.warn(`ticket not printed: ${error instanceof Error ? error.message : String(error)}`)
      throw error
    } finally {
      clearTimeout(timer)
      if (!win.isDestroyed()) win.destroy()
    }
  }
}

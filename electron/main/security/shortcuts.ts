import type { Input, WebContents } from 'electron'
import type { ShellLogger } from '../log'

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>

/** Matches a letter by its physical key (layout-independent) or by the character it produced. */
function isKey(input: KeyInput, letter: string): boolean {
  return input.code === `Key${letter.toUpperCase()}` || input.key.toLowerCase() === letter
}

const zoomKeys = new Set(['=', '+', '-', '_', '0'])
const zoomCodes = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0'])

/**
 * Keys that would let a citizen with a keyboard leave or break the kiosk screen. Ctrl and Cmd are treated the
 * same on every platform (a kiosk may run any OS, and a stray Cmd on Linux is harmless to block).
 * - reload: F5, Ctrl/Cmd+R, Ctrl/Cmd+Shift+R — a reload drops a citizen's half-finished rating screen;
 * - devtools: F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I/J/C — a console in the renderer is a way out of the kiosk;
 * - zoom: Ctrl/Cmd + =/+/-/0 — a zoomed kiosk layout hides buttons and nobody on site knows how to reset it.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.key === 'F5' || input.code === 'F5' || input.key === 'F12' || input.code === 'F12') return true
  const mod = input.control || input.meta
  if (!mod) return false
  if (isKey(input, 'r')) return true
  if ((input.shift || input.alt) && (isKey(input, 'i') || isKey(input, 'j') || isKey(input, 'c'))) return true
  return zoomKeys.has(input.key) || zoomCodes.has(input.code)
}

/**
 * Kiosk lock-down of the keyboard (complements checklist #13: the user must not be able to reload or inspect
 * the app). `before-input-event` runs before the page and before menu accelerators, so preventing it swallows
 * the key entirely. In dev nothing is blocked: reload and devtools are the developer's tools.
 */
export function guardShortcuts(
  contents: Pick<WebContents, 'on'>,
  options: { production: boolean; log: ShellLogger },
): void {
  if (!options.production) return
  contents.on('before-input-event', (event, input) => {
    if (!isBlockedShortcut(input)) return
    event.preventDefault()
    if (input.type === 'keyDown') options.log.info(`shortcut swallowed: ${input.key}`)
  })
}

import { useEffect } from 'react'

/**
 * A physical keyboard (or a USB scanner, which types like one) drives an on-screen keyboard: characters and
 * Backspace go through the same `press` as the on-screen keys, Enter to `onEnter`. Registered again on every
 * render, so both callbacks see the value as it stands now.
 */
export function usePhysicalKeys(press: (button: string) => void, onEnter: () => void): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (event.key === 'Enter') onEnter()
      else if (event.key === 'Backspace') press('{bksp}')
      else if (event.key.length === 1) press(event.key === ' ' ? '{space}' : event.key)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })
}

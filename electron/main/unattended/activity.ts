export interface InputSource {
  on(event: 'input-event', listener: (...args: unknown[]) => void): unknown
}

/**
 * When someone last touched, clicked or typed on any of the app's screens, as the main process sees it (Electron's
 * `input-event` fires for touch, mouse and keys before the page gets them). A rating takes well under the citizen
 * idle time, so "no input for `quietMs`" means no rating and no staff session is in progress.
 */
export function createActivityTracker(now: () => number, quietMs: number) {
  let last = Number.NEGATIVE_INFINITY
  return {
    watch(contents: InputSource): void {
      contents.on('input-event', () => {
        last = now()
      })
    },
    /** Also counts events the shell learns of otherwise (a rating offer opened at the counter). */
    touch(): void {
      last = now()
    },
    isBusy(): boolean {
      return now() - last < quietMs
    },
  }
}

/**
 * Functions that run inside the kiosk's page (Playwright sends their source text): each must stand alone, with
 * no imports and no helpers from outside its own body.
 */

// The bench is type-checked as Node code, without the DOM's types: the few this file uses are declared here,
// for this module only.
interface PageElement {
  getAttribute(name: string): string | null
  readonly textContent: string | null
  readonly isConnected: boolean
  readonly disabled?: boolean
  click(): void
}
declare const document: {
  readonly body: unknown
  querySelectorAll(selectors: string): Iterable<PageElement>
  addEventListener(type: 'pointerdown', listener: (event: { timeStamp: number }) => void, options: object): void
}
declare const window: object
declare function requestAnimationFrame(callback: () => void): number
declare class MutationObserver {
  constructor(callback: () => void)
  observe(target: unknown, options: object): void
  disconnect(): void
}

export interface Step {
  /** How the accessible name of the button tapped begins. */
  tap: string
  /** How the name of a button or heading the next screen shows begins (null: any change of the page will do). */
  next: string | null
}

/**
 * Sets `window.__tapDone` to a promise of the next tap's cost: from the pointerdown event's timestamp to the
 * requestAnimationFrame callback after an element whose name begins with `next`, not on the page when armed, is
 * in the DOM.
 */
export function armTap(next: string | null): void {
  const nameOf = (el: PageElement): string => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
  const matching = (): PageElement[] =>
    next === null ? [] : [...document.querySelectorAll('button, h1, h2, h3')].filter((el) => nameOf(el).startsWith(next))
  const before = new Set(matching())
  const w = window as unknown as { __tapDone: Promise<number> }
  w.__tapDone = new Promise<number>((resolve, reject) => {
    // Never a silent hang: a screen that does not come is an error naming what the page shows instead.
    const stuck = setTimeout(() => {
      const shown = [...document.querySelectorAll('button, h1, h2, h3')].map(nameOf).join(' | ')
      reject(new Error(`after 15 s no new "${next ?? 'change'}" on the page; it shows: ${shown.slice(0, 500)}`))
    }, 15_000)
    document.addEventListener(
      'pointerdown',
      (event) => {
        const t0 = event.timeStamp
        const arrived = () => next === null || matching().some((el) => !before.has(el))
        const frame = () =>
          requestAnimationFrame(() => {
            clearTimeout(stuck)
            resolve(performance.now() - t0)
          })
        const observer = new MutationObserver(() => {
          if (!arrived()) return
          observer.disconnect()
          frame()
        })
        observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      },
      { capture: true, once: true },
    )
  })
}

/** Runs `count` complete flows by clicking, each step once its button is on the page. Answers the flows done. */
export async function driveFlows({ flow, count }: { flow: Step[]; count: number }): Promise<number> {
  const nameOf = (el: PageElement): string => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
  const find = (text: string) =>
    [...document.querySelectorAll('button')].find((el) => nameOf(el).startsWith(text) && !el.disabled) ?? null
  const waitFor = (text: string) =>
    new Promise<PageElement>((resolve, reject) => {
      const now = find(text)
      if (now) return resolve(now)
      const timer = setTimeout(() => {
        observer.disconnect()
        reject(new Error(`no button "${text}" on the page after 10 s`))
      }, 10_000)
      const observer = new MutationObserver(() => {
        const el = find(text)
        if (!el) return
        observer.disconnect()
        clearTimeout(timer)
        resolve(el)
      })
      observer.observe(document.body, { childList: true, subtree: true, attributes: true })
    })
  for (let i = 0; i < count; i++) {
    for (const step of flow) {
      const button = await waitFor(step.tap)
      button.click()
      // The next step's button must be a new one: wait until this one has left the page.
      await new Promise<void>((resolve, reject) => {
        const gone = () => !button.isConnected
        if (gone()) return resolve()
        const stuck = setTimeout(() => {
          observer.disconnect()
          reject(new Error(`the screen with "${step.tap}" stayed for 15 s after the click`))
        }, 15_000)
        const observer = new MutationObserver(() => {
          if (!gone()) return
          observer.disconnect()
          clearTimeout(stuck)
          resolve()
        })
        observer.observe(document.body, { childList: true, subtree: true })
      })
    }
  }
  return count
}

/** What the page shows now (its headings), for the record. */
export function screenOf(): string[] {
  return [...document.querySelectorAll('h1, h2')].map((el) => (el.textContent ?? '').trim())
}

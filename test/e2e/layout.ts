import type { Page } from '@playwright/test'

/** The kiosk and TV shapes every citizen screen and the board are designed for. */
export const SHAPES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '768x1366', width: 768, height: 1366 },
] as const

export type Shape = (typeof SHAPES)[number]

/**
 * Runs in the page: every interactive element (button, link, field, [role=button]) and every message
 * ([role=alert], [role=status]) that is rendered must be wholly inside the viewport and inside every scrolling or
 * clipping box around it — a citizen does not scroll to find a message or a half-hidden "Hủy" — and must not
 * overlap another one. The numbers and names a citizen reads from a step back (the ticket number, the latest call,
 * the field buttons' names) must be whole. On the TV board every piece of text must also fit: nothing there can be
 * scrolled or tapped.
 * Returns one line per problem.
 */
function layoutProblems(scrolls: boolean): string[] {
  // Inside the function: it runs in the page, where nothing outside it exists.
  const KEY_TEXTS =
    '.ticket__code, .latest-call__code, .latest-call__counter, .field-button__name, .serving-tile__code, .pin-key, ' +
    '.counter-control__code'
  const selector = 'button, a[href], input, textarea, select, [role=button], [role=alert], [role=status]'
  const describe = (el: Element) =>
    `<${el.tagName.toLowerCase()}.${[...el.classList].join('.')}> "${(el.textContent ?? '').trim().slice(0, 40)}"`
  type Box = { left: number; top: number; right: number; bottom: number }
  const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top)
  const meet = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  })
  const tall = { top: -Infinity, bottom: Infinity }
  /**
   * What of `el` can be seen: its box cut by the viewport and by each ancestor that clips or scrolls. On a staff
   * page that scrolls (`scrolls`), what is below the fold is reached by scrolling: only the sides cut.
   */
  const seen = (el: Element, box: Box): Box => {
    const screen = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }
    let cut = meet(box, scrolls ? { ...screen, ...tall } : screen)
    for (let up = el.parentElement; up !== null; up = up.parentElement) {
      const style = getComputedStyle(up)
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
      const scroller = scrolls && (style.overflowY === 'auto' || style.overflowY === 'scroll')
      cut = meet(cut, scroller ? { ...up.getBoundingClientRect().toJSON(), ...tall } : up.getBoundingClientRect())
    }
    return cut
  }
  const shown = (el: Element) => {
    const style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    // Zero-size or hidden elements are nothing a citizen can see or touch (an empty message slot, for one).
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 1 && box.height > 1
  }
  const problems: string[] = []
  const items = [...document.querySelectorAll(selector)].filter(shown).map((el) => {
    const box = el.getBoundingClientRect()
    return { el, box, seen: seen(el, box) }
  })
  for (const item of items) {
    // One pixel of slack for sub-pixel rounding.
    if (area(item.seen) < area(item.box) - Math.max(item.box.width, item.box.height) - 1) {
      problems.push(`cut off or outside the screen: ${describe(item.el)}`)
    }
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i], items[j]]
      if (a === undefined || b === undefined || a.el.contains(b.el) || b.el.contains(a.el)) continue
      const both = meet(a.seen, b.seen)
      if (both.right - both.left > 1 && both.bottom - both.top > 1) {
        problems.push(`overlap: ${describe(a.el)} and ${describe(b.el)}`)
      }
    }
  }
  // The texts a citizen reads from a step back must be whole: within their own box and their parent's (below the
  // fold of a scrolling list is allowed: scrolled, they are whole).
  for (const el of document.querySelectorAll(KEY_TEXTS)) {
    if (!shown(el)) continue
    const box = el.getBoundingClientRect()
    const parent = el.parentElement?.getBoundingClientRect() ?? box
    const outside = box.left < parent.left - 1 || box.right > parent.right + 1
    if (outside || el.scrollWidth > el.clientWidth + 1) {
      problems.push(`text cut off: ${describe(el)}`)
    }
  }
  // Keys are tapped one after another at speed: each at least 60 px either way (the floor for a fingertip).
  for (const el of document.querySelectorAll('.hg-button, .pad-key, .pin-key')) {
    if (!shown(el)) continue
    const box = el.getBoundingClientRect()
    if (box.width < 59.5 || box.height < 59.5) {
      problems.push(`key under 60 px (${Math.round(box.width)}×${Math.round(box.height)}): ${describe(el)}`)
    }
  }
  const texts: { el: Element; box: Box }[] = []
  for (const el of document.querySelectorAll('.tv *')) {
    if (el.children.length > 0 || (el.textContent ?? '').trim() === '' || !shown(el)) continue
    const box = el.getBoundingClientRect()
    if (area(seen(el, box)) < area(box) - 1 || el.scrollWidth > el.clientWidth + 1) {
      problems.push(`board text does not fit: ${describe(el)}`)
    }
    texts.push({ el, box })
  }
  // Board text running into other board text (a section pushed over the next) is as unreadable as text cut off.
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]]
      if (a === undefined || b === undefined) continue
      const both = meet(a.box, b.box)
      if (both.right - both.left > 1 && both.bottom - both.top > 1) {
        problems.push(`board text overlaps: ${describe(a.el)} and ${describe(b.el)}`)
      }
    }
  }
  return problems
}

/**
 * React's work after the last change has run: two message tasks. React schedules a render and the effects of a
 * router navigation (a transition) as message tasks, so tasks queued after them run after them — a timer armed by
 * an effect (the idle wait) is armed by then. No animation frame: the page's clock may be paused (frames are faked
 * with it), and the checks read boxes with getBoundingClientRect, which lays the page out itself.
 */
export async function settled(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const channel = new MessageChannel()
          channel.port1.onmessage = resolve
          channel.port2.postMessage(null)
        }),
    )
  }
}

/**
 * Checks the screen as it is now at each shape (resizing the same page: no reload, so the screen's state stays),
 * and writes a screenshot of each when `shotDir` is given. `scrolls`: a staff page whose list may run below the
 * fold (a citizen screen never scrolls to show a button). Returns the problems found, labelled.
 */
export async function checkShapes(
  page: Page,
  label: string,
  shapes: readonly Shape[],
  shotDir: string | undefined,
  scrolls = false,
): Promise<string[]> {
  const found: string[] = []
  for (const shape of shapes) {
    await page.setViewportSize({ width: shape.width, height: shape.height })
    // A scrolling page is seen from its top, so nothing scrolled up under the top bar is taken for an overlap.
    if (scrolls) await page.evaluate(() => document.querySelectorAll('*').forEach((el) => (el.scrollTop = 0)))
    await settled(page)
    if (shotDir !== undefined) await page.screenshot({ path: `${shotDir}/${label}-${shape.name}.png` })
    for (const problem of await page.evaluate(layoutProblems, scrolls)) found.push(`${label} @ ${shape.name}: ${problem}`)
  }
  return found
}

/**
 * A board client as a centre has it: a client PC's own host (`out/main/web-host.js --client`, a remote core in its
 * own process) showing the real board page in Chromium (/usr/bin/chromium, never a downloaded browser). The bench
 * times a call until this page has painted the called number.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from 'playwright-core'
import { z } from 'zod'

/** In the page: report the next change of the latest call, once a frame showing it has been produced. */
const ARM = `(() => {
  const section = document.querySelector('[data-testid="latest-call"]')
  const shown = () => section?.querySelector('.latest-call__code')?.textContent ?? ''
  const before = shown()
  const observer = new MutationObserver(() => {
    const now = shown()
    if (now === before || now === '') return
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => window.benchPainted(now), 0))
  })
  observer.observe(section, { childList: true, subtree: true, characterData: true })
})()`

const PairedSchema = z.object({ ok: z.literal(true) })

export interface BoardPage {
  /**
   * Arms the page for the next call (resolves once armed): `painted` then resolves with the number shown and
   * `performance.now()` of this process once the page changed its latest call and a frame with it was produced (a
   * requestAnimationFrame callback, then a task after that frame — the paint is done by then). The report crosses
   * from the page to this process, so the time is an upper bound.
   */
  arm(): Promise<{ painted: Promise<{ code: string; at: number }> }>
  close(): Promise<void>
}

export async function startBoardPage(dataDir: string, pairingCode: string): Promise<BoardPage> {
  const host: ChildProcess = spawn(
    process.execPath,
    [path.resolve('out/main/web-host.js'), '--client', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  let browser: Browser | null = null
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: host.stdout ?? process.stdin }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url))
      host.once('exit', (code) => reject(new Error(`board web host exited with ${code} (run the build first)`)))
    })
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    })
    const page: Page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(url)
    // Paired through the page's own window.api, as the pairing screen does; then the board is this PC's screen.
    // (Page code is passed as text: this bench is type-checked for Node, without the DOM's types.)
    const paired: unknown = await page.evaluate(`window.api.link.pair({ code: ${JSON.stringify(pairingCode)} })`)
    if (!PairedSchema.safeParse(paired).success) throw new Error(`board pairing failed: ${JSON.stringify(paired)}`)
    await page.reload()
    await page.locator('[data-testid="latest-call"]').waitFor()

    let waiter: ((painted: { code: string; at: number }) => void) | null = null
    await page.exposeFunction('benchPainted', (code: string) => {
      const at = performance.now()
      const w = waiter
      waiter = null
      w?.({ code, at })
    })
    return {
      async arm() {
        const painted = new Promise<{ code: string; at: number }>((resolve) => (waiter = resolve))
        await page.evaluate(ARM)
        return { painted }
      },
      async close() {
        await browser?.close()
        host.kill('SIGTERM')
      },
    }
  } catch (error) {
    await browser?.close()
    host.kill('SIGKILL')
    throw error
  }
}

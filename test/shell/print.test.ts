import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { renderReceipt } from '../../electron/core/queue/receipt'
import { createTicketPrinter, printWindowOptions, type PrintWindow } from '../../electron/main/print'

type PrintCallback = (success: boolean, failureReason: string) => void

/** A print window that records what it was asked to do and answers the print call as the test says. */
function fakeWindow(answer: (cb: PrintCallback) => void, load: () => Promise<void> = async () => {}) {
  const made: { options: BrowserWindowConstructorOptions; url: string; print: WebContentsPrintOptions[]; destroyed: boolean }[] = []
  const open = (options: BrowserWindowConstructorOptions): PrintWindow => {
    const record = { options, url: '', print: [] as WebContentsPrintOptions[], destroyed: false }
    made.push(record)
    return {
      loadURL: async (url) => {
        record.url = url
        await load()
      },
      isDestroyed: () => record.destroyed,
      destroy: () => void (record.destroyed = true),
      webContents: {
        print: (options, cb) => {
          record.print.push(options)
          answer(cb)
        },
      },
    }
  }
  return { open, made }
}

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

const receipt = () =>
  renderReceipt({
    centreName: 'Trung tâm Phục vụ hành chính công <tỉnh>',
    fieldName: 'Tư pháp – Hộ tịch',
    code: 'B0007',
    uid: '6f2c1d1e-1b7a-4a8e-9d0c-0a1b2c3d4e5f',
    priorityLabel: 'Người cao tuổi',
    issuedAt: Date.UTC(2026, 10, 26, 2, 5),
    timeZone: 'Asia/Ho_Chi_Minh',
    peopleAhead: 3,
    estimatedWaitMinutes: 12,
    paperWidthMm: 58,
  })

describe('ticket printing', () => {
  it('prints silently to the named printer from a hidden, sandboxed window without JavaScript, then closes it', async () => {
    const { open, made } = fakeWindow((cb) => cb(true, ''))
    await createTicketPrinter(open, log)({ html: await receipt(), deviceName: 'XP-58', paperWidthMm: 58 })
    expect(made).toHaveLength(1)
    const [win] = made
    expect(win?.options).toEqual(printWindowOptions())
    expect(win?.options.show).toBe(false)
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, javascript: false, nodeIntegration: false })
    expect(win?.options.webPreferences?.preload).toBeUndefined()
    expect(win?.print).toEqual([
      { silent: true, printBackground: false, margins: { marginType: 'none' }, deviceName: 'XP-58' },
    ])
    expect(win?.destroyed).toBe(true)
    // The page is the receipt itself, Vietnamese intact through the data URL.
    const html = decodeURIComponent(win?.url.replace(/^data:text\/html;charset=utf-8,/, '') ?? '')
    expect(html).toContain('Tư pháp – Hộ tịch')
    expect(html).toContain('&lt;tỉnh&gt;') // text is escaped, never markup
    expect(html).toContain('Ưu tiên: Người cao tuổi')
    expect(html).toContain('Thời gian chờ dự kiến: khoảng 12 phút')
    expect(html).toContain('09:05') // issued time in Vietnam
    expect(html).toMatch(/<svg[^>]*>[\s\S]*<path/)
    expect(html).toContain("default-src 'none'")
  })

  it('uses the default printer when no name is set', async () => {
    const { open, made } = fakeWindow((cb) => cb(true, ''))
    await createTicketPrinter(open, log)({ html: '<p>x</p>', deviceName: '', paperWidthMm: 80 })
    expect(made[0]?.print[0]).not.toHaveProperty('deviceName')
  })

  it('rejects with the reason Electron gives, and still closes the window', async () => {
    const { open, made } = fakeWindow((cb) => cb(false, 'Invalid deviceName provided'))
    await expect(createTicketPrinter(open, log)({ html: '<p>x</p>', deviceName: 'Gone', paperWidthMm: 80 })).rejects.toThrow(
      'Invalid deviceName provided',
    )
    expect(made[0]?.destroyed).toBe(true)
    expect(log.warn).toHaveBeenCalledWith('ticket not printed: Invalid deviceName provided')
  })

  it('gives up on a printer that never answers', async () => {
    vi.useFakeTimers()
    try {
      const { open, made } = fakeWindow(() => {})
      const job = createTicketPrinter(open, log, 1000)({ html: '<p>x</p>', deviceName: '', paperWidthMm: 80 })
      const outcome = expect(job).rejects.toThrow('the printer did not answer')
      await vi.advanceTimersByTimeAsync(1000)
      await outcome
      expect(made[0]?.destroyed).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('gives up on a window that never finishes loading the receipt, and closes it', async () => {
    vi.useFakeTimers()
    try {
      const { open, made } = fakeWindow(
        (cb) => cb(true, ''),
        () => new Promise<void>(() => {}),
      )
      const job = createTicketPrinter(open, log, 1000)({ html: '<p>x</p>', deviceName: '', paperWidthMm: 80 })
      const outcome = expect(job).rejects.toThrow('the printer did not answer')
      await vi.advanceTimersByTimeAsync(1000)
      await outcome
      expect(made[0]?.print).toEqual([])
      expect(made[0]?.destroyed).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('addresses the citizen as "quý khách" on the receipt', async () => {
    const html = await receipt()
    expect(html).toContain('Số người đang chờ trước quý khách: 3')
    expect(html).not.toMatch(/\bbạn\b/)
  })
})

import { describe, expect, it, vi } from 'vitest'
import { REPORT_PDF_OPTIONS, createPdfPrinter, type PdfSource } from '../../electron/main/print-pdf'

function window(destroyed = false) {
  const printToPDF = vi.fn((_options: unknown) => Promise.resolve(Buffer.from('%PDF-1.7')))
  const source: PdfSource = { isDestroyed: () => destroyed, webContents: { printToPDF } }
  return { source, printToPDF }
}

describe('report PDF', () => {
  it('prints the main window on A4 with backgrounds', async () => {
    const { source, printToPDF } = window()
    const body = await createPdfPrinter(() => source)()
    expect(body.toString()).toBe('%PDF-1.7')
    expect(printToPDF).toHaveBeenCalledExactlyOnceWith(REPORT_PDF_OPTIONS)
    expect(REPORT_PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true })
  })

  it('refuses when the window is gone', async () => {
    await expect(createPdfPrinter(() => null)()).rejects.toThrow(/no window/)
    await expect(createPdfPrinter(() => window(true).source)()).rejects.toThrow(/no window/)
  })
})

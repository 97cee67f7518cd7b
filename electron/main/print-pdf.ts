/** The part of a BrowserWindow this module uses (so tests need no Electron). */
export interface PdfSource {
  isDestroyed(): boolean
  webContents: { printToPDF(options: PrintToPdfOptions): Promise<Buffer> }
}

export interface PrintToPdfOptions {
  pageSize: 'A4'
  printBackground: boolean
  margins: { top: number; bottom: number; left: number; right: number }
}

/** A4 with 1.5 cm margins (inches), the form a centre files its monthly report in. */
export const REPORT_PDF_OPTIONS: PrintToPdfOptions = {
  pageSize: 'A4',
  printBackground: true,
  margins: { top: 0.6, bottom: 0.6, left: 0.6, right: 0.6 },
}

/**
 * Core's `pdf` option: prints what the main window shows — the report page, whose print stylesheet leaves only the
 * report — with Chromium's own PDF printer. No second window, no HTML built twice.
 */
export function createPdfPrinter(window: () => PdfSource | null): () => Promise<Buffer> {
  return async () => {
    const target = window()
    if (target === null || target.isDestroyed()) throw new Error('no window to print')
    return target.webContents.printToPDF(REPORT_PDF_OPTIONS)
  }
}

import writeXlsxFile, { type Row } from 'write-excel-file/node'
import type { ExportFormat } from '../../../shared/schemas/reports'
import { BOM, EXPORT_HEADERS, csvLine, type ExportSource } from './export-rows'

const BATCH = 2000

/**
 * The whole export file. It runs in a worker thread (worker/tasks.ts), so it may hold the thread for the
 * seconds a year of ratings takes; `onProgress` gets the rows done after every batch, for the screen's bar.
 */
export async function buildExportFile(
  source: ExportSource,
  format: ExportFormat,
  onProgress: (done: number) => void,
): Promise<Buffer> {
  const rows: (string | number)[][] = []
  const parts: string[] = [BOM + csvLine(EXPORT_HEADERS)]
  let done = 0
  for (const batch of source.batches(BATCH)) {
    if (format === 'csv') parts.push(batch.map(csvLine).join(''))
    else rows.push(...batch)
    done += batch.length
    onProgress(done)
  }
  if (format === 'csv') return Buffer.from(parts.join(''), 'utf8')
  const header: Row = EXPORT_HEADERS.map((value) => ({ value, fontWeight: 'bold' as const }))
  const data: Row[] = rows.map((row) => row.map((value) => ({ value })))
  return writeXlsxFile([header, ...data], { sheet: 'Đánh giá', stickyRowsCount: 1 }).toBuffer()
}

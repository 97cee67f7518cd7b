import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportFormat, ExportJob } from '../../../../shared/schemas/reports'
import type { DayRange } from '../../../../shared/schemas/staff'
import { RangePicker } from '../staff/RangePicker'
import { saveFile } from './download'

const POLL_MS = 250
const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

const wait = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms))

/** Builds the export in core (with progress), fetches it in pieces and hands it to the browser as a download. */
async function runExport(range: DayRange, format: ExportFormat, onProgress: (job: ExportJob) => void): Promise<boolean> {
  const started = await window.api.exports.start({ range, format })
  if (!started.ok) return false
  let job = started.value
  while (job.state === 'running') {
    onProgress(job)
    await wait(POLL_MS)
    const next = await window.api.exports.status({ jobId: job.jobId })
    if (!next.ok) return false
    job = next.value
  }
  onProgress(job)
  if (job.state !== 'done') return false
  const parts: BlobPart[] = []
  for (let i = 0; i * job.chunkBytes < job.bytes; i++) {
    const chunk = await window.api.exports.chunk({ jobId: job.jobId, index: i })
    if (!chunk.ok) return false
    parts.push(Uint8Array.from(atob(chunk.value.base64), (c) => c.charCodeAt(0)))
  }
  saveFile(job.fileName, parts, TYPES[format])
  return true
}

export function ExportsPage() {
  const { t } = useTranslation()
  const [range, setRange] = useState<DayRange>({ kind: 'last', days: 30 })
  const [job, setJob] = useState<ExportJob | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const start = async (format: ExportFormat) => {
    setBusy(true)
    setMessage('')
    const ok = await runExport(range, format, setJob)
    setBusy(false)
    setMessage(t(ok ? 'admin.exports.done' : 'admin.exports.failed'))
  }
  return (
    <section className="admin-page" aria-labelledby="exports-title">
      <h2 id="exports-title" className="section-title">
        {t('admin.nav.exports')}
      </h2>
      <RangePicker range={range} onChange={setRange} />
      <div className="admin-form__actions">
        {(['csv', 'xlsx'] as const).map((format) => (
          <button key={format} type="button" className="button button--primary" disabled={busy} onClick={() => void start(format)}>
            {t(`admin.exports.${format}`)}
          </button>
        ))}
      </div>
      {job !== null && (
        <label className="field">
          <span className="field__label">{t('admin.exports.progress', { done: job.done, total: job.total })}</span>
          <progress className="export-progress" max={Math.max(1, job.total)} value={job.done} />
        </label>
      )}
      <p role="status" className="admin-status">
        {message}
      </p>
    </section>
  )
}

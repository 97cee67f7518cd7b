import { useState } from 'react'
import { useTranslation } from 'react-i18next'

type Outcome = { kind: 'saved'; file: string } | { kind: 'cancelled' } | { kind: 'failed'; code: string } | null

/**
 * "Lưu gói chẩn đoán": one button for IT on the health page. Where the zip goes is the shell's business (a save
 * dialog under Electron, the data folder under the web host); the page only says where it went.
 */
export function DiagnosticsPackage() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)

  const save = async () => {
    setBusy(true)
    setOutcome(null)
    const result = await window.api.diagnostics.package({})
    setBusy(false)
    if (!result.ok) setOutcome({ kind: 'failed', code: result.error.code })
    else setOutcome(result.value.saved ? { kind: 'saved', file: result.value.file } : { kind: 'cancelled' })
  }

  return (
    <section aria-labelledby="diagnostics-title">
      <h3 id="diagnostics-title">{t('admin.health.diagnostics.title')}</h3>
      <p>{t('admin.health.diagnostics.hint')}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void save()}>
        {t(busy ? 'admin.health.diagnostics.saving' : 'admin.health.diagnostics.save')}
      </button>
      <p role="status" className="admin-status" data-testid="diagnostics-outcome">
        {outcome?.kind === 'saved' && t('admin.health.diagnostics.saved', { file: outcome.file })}
        {outcome?.kind === 'cancelled' && t('admin.health.diagnostics.cancelled')}
        {outcome?.kind === 'failed' && t('admin.health.diagnostics.failed', { code: outcome.code })}
      </p>
    </section>
  )
}

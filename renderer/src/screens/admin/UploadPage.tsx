import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UploadConfigSchema, type UploadConfig, type UploadConfigView } from '../../../../shared/schemas/sync'
import { CheckField, FormStatus, NumberField, TextField } from './FormParts'
import { useCall } from './use-call'
import { useForm } from './use-form'

/** Upload to the provincial collector: address, timings, the one-time enrollment token, and a connection test. */
export function UploadPage() {
  const { t } = useTranslation()
  const [config] = useCall(() => window.api.sync.config({}))
  return (
    <section className="admin-page" aria-labelledby="upload-title">
      <h2 id="upload-title" className="section-title">
        {t('admin.nav.upload')}
      </h2>
      {config.status === 'ready' && <UploadForm view={config.value} />}
    </section>
  )
}

function UploadForm({ view }: { view: UploadConfigView }) {
  const { t } = useTranslation()
  const { hasEnrollmentToken, ...rest } = view
  // The token is write-only: empty here means "keep the stored one".
  const initial: UploadConfig = { ...rest, enrollmentToken: null }
  const form = useForm(UploadConfigSchema, initial, (config) => window.api.sync.configure({ config, clearToken: false }))
  const { draft, errors } = form
  const [test, setTest] = useState('')
  // Tests the saved settings (one signed ping, no ratings sent): save first, then test.
  const testConnection = async () => {
    setTest(t('admin.upload.testing'))
    const result = await window.api.sync.test({})
    if (!result.ok) return setTest(t('admin.saveFailed'))
    const { outcome, code, message, clockOffsetMs } = result.value
    const seconds = Math.round(Math.abs(clockOffsetMs ?? 0) / 1000)
    const reason = code === null ? message : `${code}: ${message}`
    setTest(t(`admin.upload.outcomes.${outcome}`, { reason, seconds }))
  }
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save())}>
      <CheckField label={t('admin.upload.enabled')} checked={draft.enabled} onChange={(enabled) => form.setDraft((d) => ({ ...d, enabled }))} />
      <TextField label={t('admin.upload.endpoint')} value={draft.endpoint ?? ''} error={errors.endpoint} maxLength={500} onChange={(v) => form.setDraft((d) => ({ ...d, endpoint: v.trim() === '' ? null : v.trim() }))} />
      <NumberField label={t('admin.upload.interval')} value={draft.intervalSeconds} error={errors.intervalSeconds} onChange={(intervalSeconds) => form.setDraft((d) => ({ ...d, intervalSeconds }))} />
      <NumberField label={t('admin.upload.timeout')} value={draft.timeoutSeconds} error={errors.timeoutSeconds} onChange={(timeoutSeconds) => form.setDraft((d) => ({ ...d, timeoutSeconds }))} />
      <NumberField label={t('admin.upload.heartbeat')} value={draft.heartbeatSeconds} error={errors.heartbeatSeconds} onChange={(heartbeatSeconds) => form.setDraft((d) => ({ ...d, heartbeatSeconds }))} />
      <TextField
        label={t(hasEnrollmentToken ? 'admin.upload.tokenKept' : 'admin.upload.token')}
        value={draft.enrollmentToken ?? ''}
        error={errors.enrollmentToken}
        onChange={(v) => form.setDraft((d) => ({ ...d, enrollmentToken: v.trim() === '' ? null : v.trim() }))}
      />
      <TextField label={t('admin.upload.label')} value={draft.label} error={errors.label} onChange={(label) => form.setDraft((d) => ({ ...d, label }))} />
      <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={() => void testConnection()}>
          {t('admin.upload.test')}
        </button>
      </div>
      <p role="status" className="admin-status">
        {test}
      </p>
    </form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfigFileSchema } from '../../../../shared/schemas/config-file'
import { useAuthStore } from '../../stores/auth-store'
import { useUiStore } from '../../stores/ui-store'
import { dateTime, megabytes } from '../staff/format'
import { saveFile } from './download'
import { TextField } from './FormParts'
import { useCall } from './use-call'
import { validate } from './validation'

/** Backups (now, list, restore with confirmation) and the configuration as a JSON file (export, import). */
export function BackupPage() {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const [backups, reload] = useCall(() => window.api.backup.list({}))
  const [folder, setFolder] = useState('')
  const [confirming, setConfirming] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [importErrors, setImportErrors] = useState<string[]>([])

  const backupNow = async () => {
    const result = await window.api.backup.now({ folder: folder.trim() === '' ? null : folder.trim() })
    setMessage(result.ok ? t('admin.backup.saved', { file: result.value.file }) : t('admin.backup.failed'))
    reload()
  }
  const restore = async (name: string) => {
    setConfirming(null)
    const result = await window.api.backup.restore({ name, confirm: true })
    if (result.ok) {
      setMessage(t('admin.backup.restored'))
      // Core ended the session: the restored database has its own accounts.
      await useAuthStore.getState().logout()
    } else setMessage(t('admin.backup.restoreFailed'))
  }
  const exportConfig = async () => {
    const result = await window.api.admin.exportConfig({})
    if (result.ok) saveFile('cau-hinh-kiosk.json', [JSON.stringify(result.value, null, 2)], 'application/json')
  }
  const importConfig = async (file: File | undefined) => {
    if (!file) return
    setImportErrors([])
    let json: unknown
    try {
      json = JSON.parse(await file.text())
    } catch {
      return setImportErrors([t('admin.backup.notJson')])
    }
    const checked = validate(ConfigFileSchema, json, t)
    if (!checked.ok) return setImportErrors(Object.entries(checked.errors).map(([at, text]) => `${at}: ${text}`))
    const result = await window.api.admin.importConfig({ config: checked.data })
    if (result.ok) setMessage(t('admin.backup.imported'))
    else setImportErrors([result.error.code === 'CONFLICT' ? result.error.message : t('admin.saveFailed')])
  }

  return (
    <section className="admin-page" aria-labelledby="backup-title">
      <h2 id="backup-title" className="section-title">
        {t('admin.nav.backup')}
      </h2>
      <p role="status" className="admin-status">
        {message}
      </p>
      <div className="admin-form">
        <TextField label={t('admin.backup.folder')} value={folder} error={undefined} maxLength={500} onChange={setFolder} />
        <button type="button" className="button button--primary" onClick={() => void backupNow()}>
          {t('admin.backup.now')}
        </button>
      </div>
      {confirming !== null && (
        <div className="admin-form confirm" role="alertdialog" aria-labelledby="confirm-text">
          <p id="confirm-text" className="message">
            {t('admin.backup.confirm', { name: confirming })}
          </p>
          <div className="admin-form__actions">
            <button type="button" className="button button--danger" onClick={() => void restore(confirming)}>
              {t('admin.backup.confirmYes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </div>
      )}
      {backups.status === 'ready' && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t('admin.backup.at')}</th>
              <th>{t('admin.backup.kind')}</th>
              <th>{t('admin.backup.size')}</th>
              <th>{t('admin.accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {backups.value.map((b) => (
              <tr key={b.name}>
                <td>{dateTime(b.at)}</td>
                <td>{t(`admin.backup.kinds.${b.kind}`)}</td>
                <td>{t('admin.health.megabytes', { value: megabytes(b.bytes, language) })}</td>
                <td>
                  <button type="button" className="button" onClick={() => setConfirming(b.name)}>
                    {t('admin.backup.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="panel__title">{t('admin.backup.config')}</h3>
      <div className="admin-form__actions">
        <button type="button" className="button button--primary" onClick={() => void exportConfig()}>
          {t('admin.backup.exportConfig')}
        </button>
        <label className="button file-button">
          {t('admin.backup.importConfig')}
          <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void importConfig(e.target.files?.[0])} />
        </label>
      </div>
      {importErrors.length > 0 && (
        <ul className="field__error" role="alert">
          {importErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </section>
  )
}

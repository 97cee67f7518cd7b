import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { OfficerInputSchema, type AdminConfig, type OfficerInput } from '../../../../shared/schemas/admin'
import { CheckField, Field, FormStatus, TextField } from './FormParts'
import { resizePhoto } from './resize-photo'
import { useForm } from './use-form'

/** Officers: name, title, photo (picked from disk, resized here, stored by core), active. PINs: Accounts page. */
export function OfficersPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<{ input: OfficerInput; photoUrl: string | null } | null>(null)
  const fresh: OfficerInput = { id: null, fullName: '', title: { vi: 'Chuyên viên', en: 'Officer' }, active: true, photo: 'keep' }
  return (
    <section className="admin-page" aria-labelledby="officers-title">
      <h2 id="officers-title" className="section-title">
        {t('admin.nav.officers')}
      </h2>
      {editing ? (
        <OfficerForm key={editing.input.id ?? 'new'} officer={editing.input} photoUrl={editing.photoUrl} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setEditing({ input: fresh, photoUrl: null })}>
          {t('admin.officers.add')}
        </button>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.officers.photo')}</th>
            <th>{t('admin.accounts.name')}</th>
            <th>{t('admin.counters.number')}</th>
            <th>{t('admin.officers.pin')}</th>
            <th>{t('admin.accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {config.officers.map((o) => (
            <tr key={o.id}>
              <td>{o.photoUrl !== null && <img className="officer-thumb" src={o.photoUrl} alt="" />}</td>
              <td>
                {o.fullName}
                {!o.active && ` (${t('admin.inactive')})`}
              </td>
              <td>{o.counterNumber ?? '—'}</td>
              <td>{t(o.hasPin ? 'admin.officers.hasPin' : 'admin.officers.noPin')}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  aria-label={t('admin.editNamed', { name: o.fullName })}
                  onClick={() =>
                    setEditing({
                      input: { id: o.id, fullName: o.fullName, title: o.title, active: o.active, photo: 'keep' },
                      photoUrl: o.photoUrl,
                    })
                  }
                >
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function OfficerForm({ officer, photoUrl, onDone }: { officer: OfficerInput; photoUrl: string | null; onDone: () => void }) {
  const { t } = useTranslation()
  const form = useForm(OfficerInputSchema, officer, (o) => window.api.admin.saveOfficer(o))
  const { draft, errors } = form
  const [preview, setPreview] = useState(photoUrl)
  const [photoError, setPhotoError] = useState<string | undefined>()
  const pick = async (file: File | undefined) => {
    if (!file) return
    try {
      const { preview: url, ...photo } = await resizePhoto(file)
      setPreview(url)
      setPhotoError(undefined)
      form.setDraft((d) => ({ ...d, photo }))
    } catch {
      setPhotoError(t('admin.officers.badPhoto'))
    }
  }
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save().then((ok) => ok && onDone()))}>
      <TextField label={t('admin.officers.fullName')} value={draft.fullName} error={errors.fullName} maxLength={100} onChange={(fullName) => form.setDraft((d) => ({ ...d, fullName }))} />
      <TextField label={t('admin.officers.titleVi')} value={draft.title.vi} error={errors['title.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, title: { ...d.title, vi } }))} />
      <TextField label={t('admin.officers.titleEn')} value={draft.title.en} error={errors['title.en']} onChange={(en) => form.setDraft((d) => ({ ...d, title: { ...d.title, en } }))} />
      <Field label={t('admin.officers.photo')} error={photoError ?? errors.photo}>
        {(a11y) => (
          <input {...a11y} type="file" accept="image/jpeg,image/png,image/webp" className="field__input" onChange={(e) => void pick(e.target.files?.[0])} />
        )}
      </Field>
      {preview !== null && <img className="officer-preview" src={preview} alt={t('admin.officers.preview')} />}
      <CheckField label={t('admin.active')} checked={draft.active} onChange={(active) => form.setDraft((d) => ({ ...d, active }))} />
      <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  )
}

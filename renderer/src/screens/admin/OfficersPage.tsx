import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { OfficerInputSchema, type AdminConfig, type OfficerInput } from '../../../../shared/schemas/admin'
import { CheckField, Field, TextField } from './FormParts'
import { AdminSection, AdminTable, EditCell, EditOrAdd, ItemForm, NameCell } from './ListSection'
import { resizePhoto } from './resize-photo'
import { useForm } from './use-form'

/** Officers: name, title, photo (picked from disk, resized here, stored by core), active. PINs: Accounts page. */
export function OfficersPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<{ input: OfficerInput; photoUrl: string | null } | null>(null)
  const fresh: OfficerInput = { id: null, fullName: '', title: { vi: 'Chuyên viên', en: 'Officer' }, active: true, photo: 'keep' }
  return (
    <AdminSection id="officers-title" title={t('admin.nav.officers')}>
      <EditOrAdd
        editing={editing}
        addLabel={t('admin.officers.add')}
        onAdd={() => setEditing({ input: fresh, photoUrl: null })}
        editor={(e) => <OfficerForm key={e.input.id ?? 'new'} officer={e.input} photoUrl={e.photoUrl} onDone={() => setEditing(null)} />}
      />
      <AdminTable
        columns={[
          t('admin.officers.photo'),
          t('admin.accounts.name'),
          t('admin.counters.number'),
          t('admin.officers.pin'),
          t('admin.accounts.actions'),
        ]}
        rows={config.officers}
        rowKey={(o) => o.id}
        cells={(o) => (
          <>
            <td>{o.photoUrl !== null && <img className="officer-thumb" src={o.photoUrl} alt="" />}</td>
            <NameCell name={o.fullName} active={o.active} />
            <td>{o.counterNumber ?? '—'}</td>
            <td>{t(o.hasPin ? 'admin.officers.hasPin' : 'admin.officers.noPin')}</td>
            <EditCell
              name={o.fullName}
              onEdit={() =>
                setEditing({
                  input: { id: o.id, fullName: o.fullName, title: o.title, active: o.active, photo: 'keep' },
                  photoUrl: o.photoUrl,
                })
              }
            />
          </>
        )}
      />
    </AdminSection>
  )
}

function OfficerForm({ officer, photoUrl, onDone }: { officer: OfficerInput; photoUrl: string | null; onDone: () => void }) {
  const { t } = useTranslation()
  const form = useForm(OfficerInputSchema, officer, (o) => window.api.admin.saveOfficer(o))
  const { draft, errors } = form
  const [preview, setPreview] = useState(photoUrl)
  const fileInput = useRef<HTMLInputElement>(null)
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
    <ItemForm form={form} onDone={onDone}>
      <TextField label={t('admin.officers.fullName')} value={draft.fullName} error={errors.fullName} maxLength={100} onChange={(fullName) => form.setDraft((d) => ({ ...d, fullName }))} />
      <TextField label={t('admin.officers.titleVi')} value={draft.title.vi} error={errors['title.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, title: { ...d.title, vi } }))} />
      <TextField label={t('admin.officers.titleEn')} value={draft.title.en} error={errors['title.en']} onChange={(en) => form.setDraft((d) => ({ ...d, title: { ...d.title, en } }))} />
      <Field label={t('admin.officers.photo')} error={photoError ?? errors.photo}>
        {(a11y) => (
          // The browser's own file button says "Choose File" in the OS's language and is small: it stays, hidden
          // but labelled, and a large button in the screen's language opens it.
          <div className="photo-picker">
            <input {...a11y} ref={fileInput} type="file" accept="image/jpeg,image/png,image/webp" className="visually-hidden" tabIndex={-1} onChange={(e) => void pick(e.target.files?.[0])} />
            <button type="button" className="button" onClick={() => fileInput.current?.click()}>
              {t('admin.officers.choosePhoto')}
            </button>
          </div>
        )}
      </Field>
      {preview !== null && <img className="officer-preview" src={preview} alt={t('admin.officers.preview')} />}
      <CheckField label={t('admin.active')} checked={draft.active} onChange={(active) => form.setDraft((d) => ({ ...d, active }))} />
    </ItemForm>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldInputSchema, type AdminConfig, type FieldInput } from '../../../../shared/schemas/admin'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'
import { CheckField, FormStatus, NumberField, TextField } from './FormParts'
import { useForm } from './use-form'

/** Service fields: the ticket letter, names in both languages, order on the home screen, active. */
export function FieldsPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const [editing, setEditing] = useState<FieldInput | null>(null)
  const fresh: FieldInput = { id: null, prefix: '', name: { vi: '', en: '' }, sortOrder: config.fields.length, active: true }
  return (
    <section className="admin-page" aria-labelledby="fields-title">
      <h2 id="fields-title" className="section-title">
        {t('admin.nav.fields')}
      </h2>
      {editing ? (
        <FieldForm key={editing.id ?? 'new'} field={editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setEditing(fresh)}>
          {t('admin.fields.add')}
        </button>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.fields.prefix')}</th>
            <th>{t('admin.accounts.name')}</th>
            <th>{t('admin.accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {config.fields.map((f, i) => (
            <tr key={f.id}>
              <td>{f.prefix}</td>
              <td>
                {localized(f.name, language)}
                {!f.active && ` (${t('admin.inactive')})`}
              </td>
              <td>
                <button
                  type="button"
                  className="button"
                  aria-label={t('admin.editNamed', { name: localized(f.name, language) })}
                  onClick={() => setEditing({ id: f.id, prefix: f.prefix, name: f.name, sortOrder: i, active: f.active })}
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

function FieldForm({ field, onDone }: { field: FieldInput; onDone: () => void }) {
  const { t } = useTranslation()
  const form = useForm(FieldInputSchema, field, (f) => window.api.admin.saveField(f), 'prefix')
  const { draft, errors } = form
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save().then((ok) => ok && onDone()))}>
      <TextField label={t('admin.fields.prefix')} value={draft.prefix} error={errors.prefix} maxLength={1} onChange={(prefix) => form.setDraft((d) => ({ ...d, prefix: prefix.toUpperCase() }))} />
      <TextField label={t('admin.nameVi')} value={draft.name.vi} error={errors['name.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, name: { ...d.name, vi } }))} />
      <TextField label={t('admin.nameEn')} value={draft.name.en} error={errors['name.en']} onChange={(en) => form.setDraft((d) => ({ ...d, name: { ...d.name, en } }))} />
      <NumberField label={t('admin.fields.order')} value={draft.sortOrder} error={errors.sortOrder} onChange={(sortOrder) => form.setDraft((d) => ({ ...d, sortOrder }))} />
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

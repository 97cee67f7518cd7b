import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldInputSchema, type AdminConfig, type FieldInput } from '../../../../shared/schemas/admin'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'
import { CheckField, NumberField, TextField } from './FormParts'
import { AdminSection, AdminTable, EditCell, EditOrAdd, ItemForm, NameCell } from './ListSection'
import { useForm } from './use-form'

/** Service fields: the ticket letter, names in both languages, order on the home screen, active. */
export function FieldsPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const [editing, setEditing] = useState<FieldInput | null>(null)
  const fresh: FieldInput = { id: null, prefix: '', name: { vi: '', en: '' }, sortOrder: config.fields.length, active: true }
  return (
    <AdminSection id="fields-title" title={t('admin.nav.fields')}>
      <EditOrAdd
        editing={editing}
        addLabel={t('admin.fields.add')}
        onAdd={() => setEditing(fresh)}
        editor={(field) => <FieldForm key={field.id ?? 'new'} field={field} onDone={() => setEditing(null)} />}
      />
      <AdminTable
        columns={[t('admin.fields.prefix'), t('admin.accounts.name'), t('admin.accounts.actions')]}
        rows={config.fields}
        rowKey={(f) => f.id}
        cells={(f, i) => (
          <>
            <td>{f.prefix}</td>
            <NameCell name={localized(f.name, language)} active={f.active} />
            <EditCell
              name={localized(f.name, language)}
              onEdit={() => setEditing({ id: f.id, prefix: f.prefix, name: f.name, sortOrder: i, active: f.active })}
            />
          </>
        )}
      />
    </AdminSection>
  )
}

function FieldForm({ field, onDone }: { field: FieldInput; onDone: () => void }) {
  const { t } = useTranslation()
  const form = useForm(FieldInputSchema, field, (f) => window.api.admin.saveField(f), 'prefix')
  const { draft, errors } = form
  return (
    <ItemForm form={form} onDone={onDone}>
      <TextField label={t('admin.fields.prefix')} value={draft.prefix} error={errors.prefix} maxLength={1} onChange={(prefix) => form.setDraft((d) => ({ ...d, prefix: prefix.toUpperCase() }))} />
      <TextField label={t('admin.nameVi')} value={draft.name.vi} error={errors['name.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, name: { ...d.name, vi } }))} />
      <TextField label={t('admin.nameEn')} value={draft.name.en} error={errors['name.en']} onChange={(en) => form.setDraft((d) => ({ ...d, name: { ...d.name, en } }))} />
      <NumberField label={t('admin.fields.order')} value={draft.sortOrder} error={errors.sortOrder} onChange={(sortOrder) => form.setDraft((d) => ({ ...d, sortOrder }))} />
      <CheckField label={t('admin.active')} checked={draft.active} onChange={(active) => form.setDraft((d) => ({ ...d, active }))} />
    </ItemForm>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CounterInputSchema, type AdminConfig, type CounterInput } from '../../../../shared/schemas/admin'
import { localized } from '../../i18n'
import { useAdminStore } from '../../stores/admin-store'
import { useUiStore } from '../../stores/ui-store'
import { dateTime } from '../staff/format'
import { CheckField, NumberField, TextField } from './FormParts'
import { AdminSection, AdminTable, EditCell, EditOrAdd, ItemForm, NameCell } from './ListSection'
import { useForm } from './use-form'

/** Counters (number, names, the fields they serve) and who sits at each, with the history of assignments. */
export function CountersPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const reload = useAdminStore((s) => s.load)
  const [editing, setEditing] = useState<CounterInput | null>(null)
  const assign = async (counterId: number, value: string) => {
    await window.api.admin.assign({ counterId, officerId: value === '' ? null : Number(value) })
    await reload()
  }
  const fresh: CounterInput = {
    id: null,
    number: Math.max(0, ...config.counters.map((c) => c.number)) + 1,
    name: { vi: '', en: '' },
    fieldIds: [],
    active: true,
  }
  return (
    <AdminSection id="counters-title" title={t('admin.nav.counters')}>
      <EditOrAdd
        editing={editing}
        addLabel={t('admin.counters.add')}
        onAdd={() => setEditing(fresh)}
        editor={(counter) => (
          <CounterForm key={counter.id ?? 'new'} counter={counter} fields={config.fields} onDone={() => setEditing(null)} />
        )}
      />
      <AdminTable
        columns={[t('admin.counters.number'), t('admin.counters.fields'), t('admin.counters.officer'), t('admin.accounts.actions')]}
        rows={config.counters}
        rowKey={(c) => c.id}
        cells={(c) => (
          <>
            <NameCell name={localized(c.name, language)} active={c.active} />
            <td>{config.fields.filter((f) => c.fieldIds.includes(f.id)).map((f) => f.prefix).join(', ')}</td>
            <td>
              <select
                className="field__input"
                aria-label={t('admin.counters.officerAt', { number: c.number })}
                value={c.officer?.id ?? ''}
                onChange={(e) => void assign(c.id, e.target.value)}
              >
                <option value="">{t('admin.none')}</option>
                {config.officers
                  .filter((o) => o.active)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.fullName}
                    </option>
                  ))}
              </select>
            </td>
            <EditCell
              name={localized(c.name, language)}
              onEdit={() => setEditing({ id: c.id, number: c.number, name: c.name, fieldIds: c.fieldIds, active: c.active })}
            />
          </>
        )}
      />
      <h3 className="panel__title">{t('admin.counters.history')}</h3>
      <AdminTable
        columns={[t('admin.counters.number'), t('admin.counters.officer'), t('admin.counters.from'), t('admin.counters.to')]}
        rows={config.assignments}
        rowKey={(a) => a.id}
        cells={(a) => (
          <>
            <td>{a.counterNumber}</td>
            <td>{a.officerName}</td>
            <td>{dateTime(a.startsAt)}</td>
            <td>{a.endsAt === null ? t('admin.counters.now') : dateTime(a.endsAt)}</td>
          </>
        )}
      />
    </AdminSection>
  )
}

function CounterForm({ counter, fields, onDone }: { counter: CounterInput; fields: AdminConfig['fields']; onDone: () => void }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const form = useForm(CounterInputSchema, counter, (c) => window.api.admin.saveCounter(c), 'number')
  const { draft, errors } = form
  const toggle = (id: number, on: boolean) =>
    form.setDraft((d) => ({ ...d, fieldIds: on ? [...d.fieldIds, id] : d.fieldIds.filter((f) => f !== id) }))
  return (
    <ItemForm form={form} onDone={onDone}>
      <NumberField label={t('admin.counters.number')} value={draft.number} error={errors.number} onChange={(number) => form.setDraft((d) => ({ ...d, number }))} />
      <TextField label={t('admin.nameVi')} value={draft.name.vi} error={errors['name.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, name: { ...d.name, vi } }))} />
      <TextField label={t('admin.nameEn')} value={draft.name.en} error={errors['name.en']} onChange={(en) => form.setDraft((d) => ({ ...d, name: { ...d.name, en } }))} />
      <fieldset className="admin-fieldset">
        <legend className="field__label">{t('admin.counters.fields')}</legend>
        {fields.map((f) => (
          <CheckField key={f.id} label={`${f.prefix} – ${localized(f.name, language)}`} checked={draft.fieldIds.includes(f.id)} onChange={(on) => toggle(f.id, on)} />
        ))}
        {errors.fieldIds !== undefined && <span className="field__error">{errors.fieldIds}</span>}
      </fieldset>
      <CheckField label={t('admin.active')} checked={draft.active} onChange={(active) => form.setDraft((d) => ({ ...d, active }))} />
    </ItemForm>
  )
}

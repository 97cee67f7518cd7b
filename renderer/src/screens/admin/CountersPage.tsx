import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CounterInputSchema, type AdminConfig, type CounterInput } from '../../../../shared/schemas/admin'
import { localized } from '../../i18n'
import { useAdminStore } from '../../stores/admin-store'
import { useUiStore } from '../../stores/ui-store'
import { dateTime } from '../staff/format'
import { CheckField, FormStatus, NumberField, TextField } from './FormParts'
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
    <section className="admin-page" aria-labelledby="counters-title">
      <h2 id="counters-title" className="section-title">
        {t('admin.nav.counters')}
      </h2>
      {editing ? (
        <CounterForm key={editing.id ?? 'new'} counter={editing} fields={config.fields} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setEditing(fresh)}>
          {t('admin.counters.add')}
        </button>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.counters.number')}</th>
            <th>{t('admin.counters.fields')}</th>
            <th>{t('admin.counters.officer')}</th>
            <th>{t('admin.accounts.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {config.counters.map((c) => (
            <tr key={c.id}>
              <td>
                {localized(c.name, language)}
                {!c.active && ` (${t('admin.inactive')})`}
              </td>
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
              <td>
                <button
                  type="button"
                  className="button"
                  aria-label={t('admin.editNamed', { name: localized(c.name, language) })}
                  onClick={() => setEditing({ id: c.id, number: c.number, name: c.name, fieldIds: c.fieldIds, active: c.active })}
                >
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="panel__title">{t('admin.counters.history')}</h3>
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.counters.number')}</th>
            <th>{t('admin.counters.officer')}</th>
            <th>{t('admin.counters.from')}</th>
            <th>{t('admin.counters.to')}</th>
          </tr>
        </thead>
        <tbody>
          {config.assignments.map((a) => (
            <tr key={a.id}>
              <td>{a.counterNumber}</td>
              <td>{a.officerName}</td>
              <td>{dateTime(a.startsAt, language)}</td>
              <td>{a.endsAt === null ? t('admin.counters.now') : dateTime(a.endsAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
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
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save().then((ok) => ok && onDone()))}>
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

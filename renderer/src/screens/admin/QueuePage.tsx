import { useTranslation } from 'react-i18next'
import { QueueOptionsInputSchema, type QueueOptionsInput } from '../../../../shared/schemas/admin'
import type { PriorityGroup } from '../../../../shared/schemas/queue'
import { CheckField, Field, FormStatus, TextField } from './FormParts'
import { useForm } from './use-form'

const MAX_GROUPS = 10
const VOLUMES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]

/**
 * A key from a Vietnamese label ("Thương binh" → "thuong_binh"), offered for a new group so IT rarely has to type
 * one. Only a suggestion: the schema still checks whatever ends up in the field.
 */
function suggestKey(label: string): string {
  const plain = label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
  return plain.slice(0, 40).replace(/_+$/, '')
}

/**
 * Printer, voice and priority groups of the queue, saved together (all or nothing). Keys of saved groups are
 * shown, not edited: tickets store the key, so a rename changes only the labels.
 */
export function QueuePage({ options }: { options: QueueOptionsInput }) {
  const { t } = useTranslation()
  const form = useForm(QueueOptionsInputSchema, options, (queue) => window.api.admin.saveQueueOptions({ queue }))
  const { draft, errors } = form
  const savedKeys = new Set(options.priorityGroups.map((g) => g.key))
  const setGroup = (i: number, change: (g: PriorityGroup) => PriorityGroup) =>
    form.setDraft((d) => ({ ...d, priorityGroups: d.priorityGroups.map((g, j) => (j === i ? change(g) : g)) }))
  const setLabelVi = (i: number, vi: string) =>
    setGroup(i, (g) => ({
      // A new group's key follows its name until IT types a key of their own.
      key: !savedKeys.has(g.key) && g.key === suggestKey(g.label.vi) ? suggestKey(vi) : g.key,
      label: { ...g.label, vi },
    }))
  const volumes = VOLUMES.includes(draft.voice.volume) ? VOLUMES : [...VOLUMES, draft.voice.volume].sort((a, b) => a - b)
  return (
    <section className="admin-page" aria-labelledby="queue-title">
      <h2 id="queue-title" className="section-title">
        {t('admin.nav.queue')}
      </h2>
      <p>{t('admin.queue.immediate')}</p>
      <form className="admin-form queue-admin" onSubmit={(e) => (e.preventDefault(), void form.save())}>
        <fieldset className="admin-fieldset">
          <legend className="field__label">{t('admin.queue.printer')}</legend>
          <CheckField label={t('admin.queue.printerEnabled')} checked={draft.printer.enabled} onChange={(enabled) => form.setDraft((d) => ({ ...d, printer: { ...d.printer, enabled } }))} />
          <TextField label={t('admin.queue.deviceName')} value={draft.printer.deviceName} error={errors['printer.deviceName']} onChange={(deviceName) => form.setDraft((d) => ({ ...d, printer: { ...d.printer, deviceName } }))} />
          <Field label={t('admin.queue.paper')} error={errors['printer.paperWidthMm']}>
            {(a11y) => (
              <select {...a11y} className="field__input queue-admin__narrow" value={draft.printer.paperWidthMm} onChange={(e) => form.setDraft((d) => ({ ...d, printer: { ...d.printer, paperWidthMm: e.target.value === '58' ? 58 : 80 } }))}>
                <option value={80}>{t('admin.queue.paperMm', { mm: 80 })}</option>
                <option value={58}>{t('admin.queue.paperMm', { mm: 58 })}</option>
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend className="field__label">{t('admin.queue.voice')}</legend>
          <CheckField label={t('admin.queue.voiceEnabled')} checked={draft.voice.enabled} onChange={(enabled) => form.setDraft((d) => ({ ...d, voice: { ...d.voice, enabled } }))} />
          <Field label={t('admin.queue.volume')} error={errors['voice.volume']}>
            {(a11y) => (
              <select {...a11y} className="field__input queue-admin__narrow" value={draft.voice.volume} disabled={!draft.voice.enabled} onChange={(e) => form.setDraft((d) => ({ ...d, voice: { ...d.voice, volume: Number(e.target.value) } }))}>
                {volumes.map((v) => (
                  <option key={v} value={v}>
                    {t('admin.queue.percent', { value: Math.round(v * 100) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend className="field__label">{t('admin.queue.groups')}</legend>
          <p className="queue-admin__hint">{t('admin.queue.groupsHint')}</p>
          {errors.priorityGroups !== undefined && <p className="field__error">{errors.priorityGroups}</p>}
          {draft.priorityGroups.map((g, i) => {
            const n = i + 1
            const name = g.label.vi === '' ? t('admin.queue.groupN', { n }) : g.label.vi
            return (
              <div key={i} className="queue-admin__group">
                {savedKeys.has(g.key) ? (
                  <div className="field">
                    <span className="field__label">{t('admin.queue.key', { n })}</span>
                    <span className="queue-admin__key">{g.key}</span>
                  </div>
                ) : (
                  <TextField label={t('admin.queue.key', { n })} value={g.key} error={errors[`priorityGroups.${i}.key`]} maxLength={40} onChange={(key) => setGroup(i, (old) => ({ ...old, key }))} />
                )}
                <TextField label={t('admin.queue.labelVi', { n })} value={g.label.vi} error={errors[`priorityGroups.${i}.label.vi`]} onChange={(vi) => setLabelVi(i, vi)} />
                <TextField label={t('admin.queue.labelEn', { n })} value={g.label.en} error={errors[`priorityGroups.${i}.label.en`]} onChange={(en) => setGroup(i, (old) => ({ ...old, label: { ...old.label, en } }))} />
                <div className="field">
                  {/* An empty label line, so the button sits level with the inputs whatever their errors say. */}
                  <span className="field__label" aria-hidden="true">
                    {'\u00a0'}
                  </span>
                  <button type="button" className="button" aria-label={t('admin.queue.removeNamed', { name })} onClick={() => form.setDraft((d) => ({ ...d, priorityGroups: d.priorityGroups.filter((_, j) => j !== i) }))}>
                    {t('admin.queue.remove')}
                  </button>
                </div>
              </div>
            )
          })}
          <button type="button" className="button file-button queue-admin__add" disabled={draft.priorityGroups.length >= MAX_GROUPS} onClick={() => form.setDraft((d) => ({ ...d, priorityGroups: [...d.priorityGroups, { key: '', label: { vi: '', en: '' } }] }))}>
            {draft.priorityGroups.length >= MAX_GROUPS ? t('admin.queue.full', { max: MAX_GROUPS }) : t('admin.queue.add')}
          </button>
        </fieldset>
        <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
      </form>
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { RatingFormSchema, type RatingForm } from '../../../../shared/schemas/rating'
import { Field, FormStatus, NumberField, TextField } from './FormParts'
import { useForm } from './use-form'

/** The citizen's question: 3, 4 or 5 levels with their labels in both languages, the reasons, the time windows. */
export function RatingFormPage({ form: current }: { form: RatingForm }) {
  const { t } = useTranslation()
  const form = useForm(RatingFormSchema, current, (f) => window.api.admin.saveRatingForm({ form: f }))
  const { draft, errors } = form
  const switchScale = async (scale: 3 | 4 | 5) => {
    const defaults = await window.api.admin.ratingFormDefaults({ scale })
    if (defaults.ok) form.setDraft(() => defaults.value)
  }
  const label = (kind: 'levels' | 'reasons', i: number, lang: 'vi' | 'en', value: string) =>
    form.setDraft((d) => ({
      ...d,
      [kind]: d[kind].map((item, j) => (j === i ? { ...item, label: { ...item.label, [lang]: value } } : item)),
    }))
  return (
    <section className="admin-page" aria-labelledby="form-title">
      <h2 id="form-title" className="section-title">
        {t('admin.nav.ratingForm')}
      </h2>
      <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save())}>
        <Field label={t('admin.ratingForm.scale')} error={errors.scale ?? errors.levels}>
          {(a11y) => (
            <select {...a11y} className="field__input" value={draft.scale} onChange={(e) => void switchScale(Number(e.target.value) === 5 ? 5 : Number(e.target.value) === 4 ? 4 : 3)}>
              {[3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {t('admin.ratingForm.levelsCount', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="admin-fieldset admin-fieldset--grid">
          <legend className="field__label">{t('admin.ratingForm.levels')}</legend>
          {draft.levels.map((l, i) => (
            <div key={l.key} className="admin-pair">
              <TextField label={t('admin.ratingForm.levelVi', { n: i + 1 })} value={l.label.vi} error={errors[`levels.${i}.label.vi`]} onChange={(v) => label('levels', i, 'vi', v)} />
              <TextField label={t('admin.ratingForm.levelEn', { n: i + 1 })} value={l.label.en} error={errors[`levels.${i}.label.en`]} onChange={(v) => label('levels', i, 'en', v)} />
            </div>
          ))}
        </fieldset>
        <fieldset className="admin-fieldset admin-fieldset--grid">
          <legend className="field__label">{t('admin.ratingForm.reasons')}</legend>
          {draft.reasons.map((r, i) => (
            <div key={r.key} className="admin-pair">
              <TextField label={t('admin.ratingForm.reasonVi', { n: i + 1 })} value={r.label.vi} error={errors[`reasons.${i}.label.vi`]} onChange={(v) => label('reasons', i, 'vi', v)} />
              <TextField label={t('admin.ratingForm.reasonEn', { n: i + 1 })} value={r.label.en} error={errors[`reasons.${i}.label.en`]} onChange={(v) => label('reasons', i, 'en', v)} />
            </div>
          ))}
        </fieldset>
        <NumberField label={t('admin.ratingForm.commentMax')} value={draft.commentMaxLength} error={errors.commentMaxLength} onChange={(commentMaxLength) => form.setDraft((d) => ({ ...d, commentMaxLength }))} />
        <NumberField label={t('admin.ratingForm.counterWindow')} value={draft.counterWindowSeconds} error={errors.counterWindowSeconds} onChange={(counterWindowSeconds) => form.setDraft((d) => ({ ...d, counterWindowSeconds }))} />
        <NumberField label={t('admin.ratingForm.lobbyWindow')} value={draft.lobbyWindowMinutes} error={errors.lobbyWindowMinutes} onChange={(lobbyWindowMinutes) => form.setDraft((d) => ({ ...d, lobbyWindowMinutes }))} />
        <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
      </form>
    </section>
  )
}

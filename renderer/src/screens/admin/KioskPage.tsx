import { useTranslation } from 'react-i18next'
import { CentreSchema, KioskSettingsSchema, type Centre, type KioskSettings } from '../../../../shared/schemas/centre'
import type { AdminConfig } from '../../../../shared/schemas/admin'
import { CheckField, Field, FormStatus, NumberField, TextField } from './FormParts'
import { useForm } from './use-form'

/** The centre's name and address, and how this kiosk behaves: mode, bound counter, language, idle times, display. */
export function KioskPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  return (
    <section className="admin-page" aria-labelledby="kiosk-title">
      <h2 id="kiosk-title" className="section-title">
        {t('admin.nav.kiosk')}
      </h2>
      <CentreForm centre={config.centre} />
      <KioskForm kiosk={config.kiosk} counters={config.counters} />
    </section>
  )
}

function CentreForm({ centre }: { centre: Centre }) {
  const { t } = useTranslation()
  const form = useForm(CentreSchema, centre, (c) => window.api.admin.saveCentre({ centre: c }))
  const { draft, errors } = form
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save())}>
      <h3 className="panel__title">{t('admin.kiosk.centre')}</h3>
      <TextField label={t('admin.kiosk.nameVi')} value={draft.name.vi} error={errors['name.vi']} onChange={(vi) => form.setDraft((d) => ({ ...d, name: { ...d.name, vi } }))} />
      <TextField label={t('admin.kiosk.nameEn')} value={draft.name.en} error={errors['name.en']} onChange={(en) => form.setDraft((d) => ({ ...d, name: { ...d.name, en } }))} />
      <TextField label={t('admin.kiosk.address')} value={draft.address} error={errors.address} maxLength={300} onChange={(address) => form.setDraft((d) => ({ ...d, address }))} />
      <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
      <button type="submit" className="button button--primary">
        {t('admin.save')}
      </button>
    </form>
  )
}

function KioskForm({ kiosk, counters }: { kiosk: KioskSettings; counters: AdminConfig['counters'] }) {
  const { t } = useTranslation()
  const form = useForm(KioskSettingsSchema, kiosk, (k) => window.api.admin.saveKiosk({ kiosk: k }))
  const { draft, errors } = form
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save())}>
      <h3 className="panel__title">{t('admin.kiosk.kiosk')}</h3>
      <Field label={t('admin.kiosk.mode')} error={errors.mode}>
        {(a11y) => (
          <select {...a11y} className="field__input" value={draft.mode} onChange={(e) => form.setDraft((d) => ({ ...d, mode: e.target.value === 'counter' ? 'counter' : 'lobby' }))}>
            <option value="lobby">{t('admin.kiosk.lobby')}</option>
            <option value="counter">{t('admin.kiosk.counterMode')}</option>
          </select>
        )}
      </Field>
      <Field label={t('admin.kiosk.boundCounter')} error={errors.counterId}>
        {(a11y) => (
          <select {...a11y} className="field__input" value={draft.counterId ?? ''} onChange={(e) => form.setDraft((d) => ({ ...d, counterId: e.target.value === '' ? null : Number(e.target.value) }))}>
            <option value="">{t('admin.none')}</option>
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {t('auth.counter', { number: c.number })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.kiosk.language')} error={errors.language}>
        {(a11y) => (
          <select {...a11y} className="field__input" value={draft.language} onChange={(e) => form.setDraft((d) => ({ ...d, language: e.target.value === 'en' ? 'en' : 'vi' }))}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      <NumberField label={t('admin.kiosk.citizenSeconds')} value={draft.idle.citizenSeconds} error={errors['idle.citizenSeconds']} onChange={(citizenSeconds) => form.setDraft((d) => ({ ...d, idle: { ...d.idle, citizenSeconds } }))} />
      <NumberField label={t('admin.kiosk.staffSeconds')} value={draft.idle.staffSeconds} error={errors['idle.staffSeconds']} onChange={(staffSeconds) => form.setDraft((d) => ({ ...d, idle: { ...d.idle, staffSeconds } }))} />
      <CheckField label={t('admin.kiosk.lockDown')} checked={draft.display.kiosk} onChange={(v) => form.setDraft((d) => ({ ...d, display: { ...d.display, kiosk: v } }))} />
      <CheckField label={t('admin.kiosk.fullscreen')} checked={draft.display.fullscreen} onChange={(v) => form.setDraft((d) => ({ ...d, display: { ...d.display, fullscreen: v } }))} />
      <CheckField label={t('admin.kiosk.board')} checked={draft.display.boardOnSecondDisplay} onChange={(v) => form.setDraft((d) => ({ ...d, display: { ...d.display, boardOnSecondDisplay: v } }))} />
      <FormStatus errors={errors} saved={form.saved} savedText={t('admin.saved')} />
      <button type="submit" className="button button--primary">
        {t('admin.save')}
      </button>
    </form>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UpdateConfigSchema, type UpdateConfig } from '../../../../shared/schemas/updates'
import { dateTime } from '../staff/format'
import { CheckField, FormStatus, TextField } from './FormParts'
import { useCall } from './use-call'
import { validate, type FieldErrors } from './validation'

/**
 * Updates on the health page: this PC's version, the channel, the last check and what it found; and the feed the
 * hub follows, which IT sets here (clients follow their hub's mirror and ignore it).
 */
export function UpdatesSection() {
  const { t } = useTranslation()
  const [status, reload] = useCall(() => window.api.updates.status({}))
  // Up here: the form below starts afresh after a save, and "saved" must outlive it.
  const [saved, setSaved] = useState(false)
  if (status.status !== 'ready') return null
  const { version, config, updater } = status.value
  return (
    <section aria-labelledby="updates-title">
      <h3 id="updates-title">{t('admin.health.updates.title')}</h3>
      <dl className="facts" data-testid="update-facts">
        <dt>{t('admin.health.updates.version')}</dt>
        <dd>{version}</dd>
        <dt>{t('admin.health.updates.channel')}</dt>
        <dd>{updater?.channel ?? config.channel}</dd>
        <dt>{t('admin.health.updates.lastCheck')}</dt>
        <dd>{updater === null || updater.lastCheckAt === null ? t('admin.health.never') : dateTime(updater.lastCheckAt)}</dd>
        <dt>{t('admin.health.updates.result')}</dt>
        <dd>
          {t(`admin.health.updates.results.${updater?.result ?? 'no-feed'}`, { version: updater?.availableVersion ?? '' })}
          {updater !== null && updater.error !== null && ` — ${updater.error}`}
        </dd>
      </dl>
      {/* Keyed by what is saved, so the form starts from it again after a save. */}
      <FeedForm key={JSON.stringify(config)} config={config} saved={saved} setSaved={setSaved} onSaved={reload} />
    </section>
  )
}

function FeedForm(props: { config: UpdateConfig; saved: boolean; setSaved: (saved: boolean) => void; onSaved: () => void }) {
  const { config, saved, setSaved, onSaved } = props
  const { t } = useTranslation()
  const [feedUrl, setFeedUrl] = useState(config.feedUrl ?? '')
  const [beta, setBeta] = useState(config.channel === 'beta')
  const [errors, setErrors] = useState<FieldErrors>({})

  const save = async () => {
    setSaved(false)
    const input = { feedUrl: feedUrl.trim() === '' ? null : feedUrl.trim(), channel: beta ? 'beta' : 'latest' }
    const checked = validate(UpdateConfigSchema, input, t)
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    const result = await window.api.updates.configure(checked.data)
    if (!result.ok) return setErrors({ '': t('admin.saveFailed') })
    setSaved(true)
    onSaved()
  }

  return (
    <div className="admin-form">
      <TextField label={t('admin.health.updates.feedUrl')} value={feedUrl} error={errors['feedUrl']} maxLength={500} onChange={setFeedUrl} />
      <CheckField label={t('admin.health.updates.beta')} checked={beta} onChange={setBeta} />
      <button type="button" className="button button--primary" onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <FormStatus errors={errors} saved={saved} savedText={t('admin.saved')} />
    </div>
  )
}

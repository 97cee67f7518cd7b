import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { TopBar } from '../../components/TopBar'
import { localized } from '../../i18n'
import { useQueueStore } from '../../stores/queue-store'
import { useUiStore } from '../../stores/ui-store'
import '../../components/queue/board.css'
import '../../components/queue/ticket.css'

/**
 * Second (and last) tap of taking a number: a priority group, or "no". Without configured groups the lobby takes
 * the number at the first tap and skips this screen. The ticket screen follows.
 */
export function TakeNumberScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const language = useUiStore((s) => s.language)
  const fieldId = Number(useParams().fieldId)
  const field = overview.fields.find((f) => f.id === fieldId)
  const options = useQueueStore((s) => s.options)
  const take = useQueueStore((s) => s.take)
  const takeError = useQueueStore((s) => s.takeError)
  const [state, setState] = useState<'choose' | 'busy' | 'failed'>('choose')

  const choose = async (group: string | null) => {
    if (useQueueStore.getState().taking) return // the first tap of a double tap is taking the number
    setState('busy')
    if (await take(fieldId, group)) void navigate('/ticket', { replace: true })
    else setState('failed')
  }

  const groups = options?.priorityGroups ?? []

  if (field === undefined) return null
  return (
    <div className="screen">
      <TopBar centre={overview.centre} />
      <main className="take-screen" aria-busy={state === 'busy'}>
        <p className="take-screen__field">
          <span className="field-button__prefix">{field.prefix}</span> {localized(field.name, language)}
        </p>
        <h2 className="take-screen__title">{t('queue.priorityTitle')}</h2>
        <p className="take-screen__hint">{t('queue.priorityHint')}</p>
        {state === 'failed' && (
          <p className="message" role="alert">
            {t(takeError === 'RATE_LIMITED' ? 'queue.takeWait' : takeError === 'UNAVAILABLE' ? 'queue.takeOffline' : 'queue.takeFailed')}
          </p>
        )}
        <div className="take-screen__choices">
          <button
            type="button"
            className="button button--primary take-screen__none"
            disabled={state === 'busy'}
            onClick={() => void choose(null)}
          >
            {t('queue.priorityNone')}
          </button>
          {groups.map((g) => (
            <button
              key={g.key}
              type="button"
              className="button button--queue-choice"
              disabled={state === 'busy'}
              onClick={() => void choose(g.key)}
            >
              {localized(g.label, language)}
            </button>
          ))}
        </div>
        <button type="button" className="button button--secondary" onClick={() => void navigate('/')}>
          {t('queue.cancel')}
        </button>
      </main>
    </div>
  )
}

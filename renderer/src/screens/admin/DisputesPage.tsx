import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DisputeView } from '../../../../shared/schemas/staff'
import { NOTE_MAX } from '../staff/DisputeButton'
import { dateTime } from '../staff/format'
import { NoteField } from '../staff/NoteField'
import { useCall } from './use-call'

/** Officers' disputes of ratings: read the rating and the officer's note, then uphold or reject with a note. */
export function DisputesPage() {
  const { t } = useTranslation()
  const [disputes, reload] = useCall(() => window.api.disputes.list({ status: 'all' }))
  return (
    <section className="admin-page" aria-labelledby="disputes-title">
      <h2 id="disputes-title" className="section-title">
        {t('admin.nav.disputes')}
      </h2>
      {disputes.status === 'ready' && disputes.value.length === 0 && <p>{t('admin.disputes.none')}</p>}
      {disputes.status === 'ready' && (
        <ul className="comments">
          {disputes.value.map((d) => (
            <DisputeItem key={d.id} dispute={d} onResolved={reload} />
          ))}
        </ul>
      )}
    </section>
  )
}

function DisputeItem({ dispute: d, onResolved }: { dispute: DisputeView; onResolved: () => void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  const resolve = async (outcome: 'upheld' | 'rejected') => {
    const result = await window.api.disputes.resolve({ id: d.id, outcome, note: note.trim() })
    if (result.ok) onResolved()
  }
  return (
    <li className="comment dispute" data-testid={`dispute-${d.id}`}>
      <span className="comment__meta">
        {dateTime(d.ratingAt)} · {d.ticketCode ?? '—'} · {d.officerName} · {d.levelLabel}
      </span>
      {d.comment !== '' && <p className="comment__text">{t('admin.disputes.citizen', { text: d.comment })}</p>}
      <p className="comment__text">{t('admin.disputes.officer', { text: d.note })}</p>
      {d.status === 'open' ? (
        <>
          <NoteField id={`resolution-note-${d.id}`} label={t('admin.disputes.note')} value={note} maxLength={NOTE_MAX} onChange={setNote} />
          <div className="admin-form__actions">
            <button type="button" className="button button--primary" onClick={() => void resolve('upheld')}>
              {t('admin.disputes.uphold')}
            </button>
            <button type="button" className="button" onClick={() => void resolve('rejected')}>
              {t('admin.disputes.reject')}
            </button>
          </div>
        </>
      ) : (
        <p>
          <span className={`badge badge--${d.status}`}>{t(`staff.dispute.status.${d.status}`)}</span>{' '}
          {d.resolvedBy ?? ''} {d.resolvedAt !== null && dateTime(d.resolvedAt)} {d.resolutionNote}
        </p>
      )}
    </li>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DisputeInputSchema, type OwnRating } from '../../../../shared/schemas/staff'
import { NoteField } from './NoteField'

/** The contract's limit on a dispute note (code points). */
export const NOTE_MAX = 500

/** "This rating is unfair": a short note, sent once. After that the rating shows the dispute's state instead. */
export function DisputeButton({ rating, onDone }: { rating: OwnRating; onDone: () => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  if (rating.dispute !== null) {
    return <span className={`badge badge--${rating.dispute}`}>{t(`staff.dispute.status.${rating.dispute}`)}</span>
  }
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('staff.dispute.flag')}
      </button>
    )
  }
  const send = async () => {
    const input = DisputeInputSchema.safeParse({ ratingId: rating.id, note })
    if (!input.success) return setError(t('staff.dispute.noteNeeded'))
    const result = await window.api.staff.dispute(input.data)
    if (!result.ok) return setError(t('staff.dispute.failed'))
    setOpen(false)
    onDone()
  }
  return (
    <div className="dispute">
      <NoteField id={`dispute-note-${rating.id}`} label={t('staff.dispute.note')} value={note} maxLength={NOTE_MAX} onChange={setNote} />
      {error !== '' && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-form__actions">
        <button type="button" className="button button--primary" onClick={() => void send()}>
          {t('staff.dispute.send')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  )
}

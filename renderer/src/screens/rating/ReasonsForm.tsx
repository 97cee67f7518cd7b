import { useTranslation } from 'react-i18next'
import type { RatingForm } from '../../../../shared/schemas/rating'
import { codePointLength } from '../../../../shared/text'
import { localized } from '../../i18n'
import { useRatingStore } from '../../stores/rating-store'
import { useUiStore } from '../../stores/ui-store'
import { lazyPart } from '../../components/lazy-part'

const CommentKeyboard = lazyPart(() => import('./CommentKeyboard').then((m) => m.CommentKeyboard))

interface Props {
  form: RatingForm
  reasons: readonly string[]
  comment: string
  typing: boolean
}

/** After a negative rating: reasons to tick and an optional comment. The send button is in the flow's footer. */
export function ReasonsForm({ form, reasons, comment, typing }: Props) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const toggleReason = useRatingStore((s) => s.toggleReason)
  const setComment = useRatingStore((s) => s.setComment)
  const setTyping = useRatingStore((s) => s.setTyping)
  const length = codePointLength(comment)
  const full = length >= form.commentMaxLength

  return (
    <div className="rating-step rating-step--reasons">
      {!typing && (
        <>
          <h2 className="rating-question">{t('rating.reasons.title')}</h2>
          <p className="rating-hint">{t('rating.reasons.hint')}</p>
          <div className="reason-list" role="group" aria-label={t('rating.reasons.title')}>
            {form.reasons.map((reason) => (
              <button
                key={reason.key}
                type="button"
                className="reason-toggle"
                aria-pressed={reasons.includes(reason.key)}
                data-reason={reason.key}
                onClick={() => toggleReason(reason.key)}
              >
                <span className="reason-toggle__box" aria-hidden="true">
                  {reasons.includes(reason.key) ? '✓' : ''}
                </span>
                {localized(reason.label, language)}
              </button>
            ))}
          </div>
        </>
      )}
      {form.commentMaxLength > 0 && (
        <div className="rating-comment">
          <div className="rating-comment__head">
            <label className="rating-comment__label" htmlFor="rating-comment">
              {t('rating.reasons.comment')}
            </label>
            <p className={`rating-comment__count${full ? ' rating-comment__count--full' : ''}`} aria-live="polite">
              {t('rating.reasons.count', { count: length, max: form.commentMaxLength })}
            </p>
          </div>
          <div className="rating-comment__row">
            <textarea
              id="rating-comment"
              className="rating-comment__box"
              value={comment}
              readOnly
              inputMode="none"
              rows={typing ? 2 : 1}
              placeholder={t('rating.reasons.commentPlaceholder')}
              onFocus={() => setTyping(true)}
              onClick={() => setTyping(true)}
            />
            {typing && (
              // A plain button acting on click: simple-keyboard acts on pointer-down, and closing the keyboard then
              // would let the rest of the tap land on whatever appears beneath the finger.
              <button type="button" className="button button--primary" onClick={() => setTyping(false)}>
                {t('keyboard.done')}
              </button>
            )}
          </div>
        </div>
      )}
      {typing && (
        <CommentKeyboard
          value={comment}
          maxLength={form.commentMaxLength}
          onChange={setComment}
          onDone={() => setTyping(false)}
        />
      )}
    </div>
  )
}

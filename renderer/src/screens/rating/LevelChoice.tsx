import { useTranslation } from 'react-i18next'
import type { RatingForm, RatingLevel } from '../../../../shared/schemas/rating'
import { localized } from '../../i18n'
import { useRatingStore, type RatingTarget } from '../../stores/rating-store'
import { useUiStore } from '../../stores/ui-store'
import { OfficerCard } from './OfficerCard'
import { Smiley } from './Smiley'

/**
 * How happy the face looks: by what the level means, not by its rank alone — on a 3-level form "Hài lòng" is a
 * satisfied answer and gets a smile, not the neutral face of the middle of a scale.
 */
function mood(level: RatingLevel, scale: number): number {
  if (level.satisfied) return level.value === scale ? 1 : 0.75
  if (level.negative) return level.value === 1 ? 0 : 0.25
  return 0.5
}

/** One question, one tap: the levels of the configured form, most satisfied first. */
export function LevelChoice({ form, target }: { form: RatingForm; target: RatingTarget }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const chooseLevel = useRatingStore((s) => s.chooseLevel)
  return (
    <div className="rating-step">
      <OfficerCard target={target} />
      <h2 className="rating-question" id="rating-question">
        {t('rating.choose.question')}
      </h2>
      <div className="level-list" role="group" aria-labelledby="rating-question">
        {form.levels.map((level) => (
          <button
            key={level.key}
            type="button"
            className="level-button"
            data-level={level.key}
            onClick={() => void chooseLevel(level)}
          >
            <Smiley position={mood(level, form.scale)} />
            <span className="level-button__label">{localized(level.label, language)}</span>
          </button>
        ))}
      </div>
    </div>
  )
}

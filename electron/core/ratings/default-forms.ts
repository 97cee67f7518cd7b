import type { RatingForm, RatingLevel, RatingReason } from '../../../shared/schemas/rating'

const level = (key: string, value: number, vi: string, en: string, satisfied: boolean, negative: boolean) =>
  ({ key, value, label: { vi, en }, satisfied, negative }) satisfies RatingLevel

/** The levels of DESIGN §2, most satisfied first. On a 5-level form the lowest two ask for reasons. */
export const defaultLevels: Record<3 | 4 | 5, RatingLevel[]> = {
  3: [
    level('very_satisfied', 3, 'Rất hài lòng', 'Very satisfied', true, false),
    level('satisfied', 2, 'Hài lòng', 'Satisfied', true, false),
    level('not_satisfied', 1, 'Không hài lòng', 'Not satisfied', false, true),
  ],
  4: [
    level('very_satisfied', 4, 'Rất hài lòng', 'Very satisfied', true, false),
    level('satisfied', 3, 'Hài lòng', 'Satisfied', true, false),
    level('neutral', 2, 'Bình thường', 'Neutral', false, false),
    level('not_satisfied', 1, 'Không hài lòng', 'Not satisfied', false, true),
  ],
  5: [
    level('very_satisfied', 5, 'Rất hài lòng', 'Very satisfied', true, false),
    level('satisfied', 4, 'Hài lòng', 'Satisfied', true, false),
    level('neutral', 3, 'Bình thường', 'Neutral', false, false),
    level('not_satisfied', 2, 'Không hài lòng', 'Not satisfied', false, true),
    level('very_unsatisfied', 1, 'Rất không hài lòng', 'Very unsatisfied', false, true),
  ],
}

/** SIPAS officer items and the common complaints (DESIGN §2). */
export const defaultReasons: RatingReason[] = [
  { key: 'impolite', label: { vi: 'Thái độ chưa lịch sự, tôn trọng', en: 'Not polite or respectful' } },
  {
    key: 'unclear_guidance',
    label: { vi: 'Hướng dẫn không rõ ràng, phải đi lại nhiều lần', en: 'Unclear guidance, had to come back' },
  },
  { key: 'slow', label: { vi: 'Giải quyết chậm, trễ hẹn', en: 'Slow, missed the promised date' } },
  { key: 'harassment', label: { vi: 'Nhũng nhiễu, gây phiền hà', en: 'Harassment or needless hassle' } },
  { key: 'not_compliant', label: { vi: 'Không tuân thủ đúng quy định', en: 'Did not follow the rules' } },
  { key: 'other', label: { vi: 'Khác (ý kiến khác)', en: 'Other' } },
]

export function defaultRatingForm(scale: 3 | 4 | 5 = 3): RatingForm {
  return {
    scale,
    levels: defaultLevels[scale],
    reasons: defaultReasons,
    commentMaxLength: 300,
    counterWindowSeconds: 60,
    lobbyWindowMinutes: 120,
    anonymousCounterIds: [],
    anonymousIntervalSeconds: 5,
  }
}

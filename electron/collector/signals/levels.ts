/**
 * What counts as satisfied and as negative in a stored rating. The record carries the level's value and the
 * form's scale but not the form's flags, so the collector applies the default forms' rule (DESIGN §2,
 * electron/core/ratings/default-forms.ts): the top two levels are satisfied ("Rất hài lòng", "Hài lòng"), the
 * lowest level is negative, and on a 5-level form the lowest two. The SQL and the function say the same thing.
 */
export const SATISFIED_SQL = '(level >= scale - 1)'
export const NEGATIVE_SQL = '(level <= CASE WHEN scale = 5 THEN 2 ELSE 1 END)'

export function isNegative(level: number, scale: number): boolean {
  return level <= (scale === 5 ? 2 : 1)
}

/** Vietnam has kept UTC+7 without daylight saving since 1975: local time is plain arithmetic on epoch ms. */
export const VN_OFFSET_MS = 7 * 3_600_000

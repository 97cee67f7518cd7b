/** How a level reads, for its colour: the top two are satisfied, the lowest is the worst, the rest between. */
export type LevelTone = 'best' | 'good' | 'neutral' | 'bad' | 'worst'

/**
 * The tone of level `value` (1 = lowest) on a form of `scale` levels, by position — as the default forms set them
 * (DESIGN §2): 3 levels: best, good, worst; 4: best, good, neutral, worst; 5: best, good, neutral, bad, worst.
 * A chart of counts per level then shows "Không hài lòng" in red, never in the same green as "Rất hài lòng".
 */
export function levelTone(value: number, scale: number): LevelTone {
  if (value >= scale) return 'best'
  if (value === scale - 1) return 'good'
  if (value <= 1) return 'worst'
  return value === 2 && scale >= 5 ? 'bad' : 'neutral'
}

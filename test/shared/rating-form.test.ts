import { describe, expect, it } from 'vitest'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import { RatingFormSchema, RatingSubmitSchema } from '../../shared/schemas/rating'

describe('RatingFormSchema', () => {
  it.each([3, 4, 5] as const)('accepts the default %i-level form', (scale) => {
    expect(RatingFormSchema.safeParse(defaultRatingForm(scale)).success).toBe(true)
  })

  it('the defaults follow DESIGN §2: satisfied = the top two, reasons after the lowest (lowest two on 5 levels)', () => {
    for (const scale of [3, 4, 5] as const) {
      const form = defaultRatingForm(scale)
      expect(form.levels.filter((l) => l.satisfied).map((l) => l.label.vi)).toEqual(['Rất hài lòng', 'Hài lòng'])
      expect(form.levels.filter((l) => l.negative).map((l) => l.value)).toEqual(scale === 5 ? [2, 1] : [1])
    }
    expect(defaultRatingForm().reasons.map((r) => r.label.vi)).toContain('Nhũng nhiễu, gây phiền hà')
  })

  it('refuses a form whose levels do not match its scale, repeat a value, or carry unknown keys', () => {
    const form = defaultRatingForm(3)
    const bad = [
      { ...form, scale: 4 },
      { ...form, levels: form.levels.map((l) => ({ ...l, value: 2 })) },
      { ...form, levels: [...form.levels.slice(0, 2), { ...form.levels[2]!, colour: 'red' }] },
      { ...form, levels: form.levels.map((l) => ({ ...l, key: 'Rất hài lòng' })) },
      { ...form, reasons: [] },
      { ...form, commentMaxLength: 5000 },
    ]
    for (const candidate of bad) expect(RatingFormSchema.safeParse(candidate).success).toBe(false)
  })
})

describe('RatingSubmitSchema', () => {
  const good = { ticketUid: 'x', counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }

  it('accepts a plain submission and refuses extra keys, too many reasons, a long comment, an unknown language', () => {
    expect(RatingSubmitSchema.safeParse(good).success).toBe(true)
    for (const change of [
      { officerId: 3 },
      { reasons: Array.from({ length: 13 }, (_, i) => `r${i}`) },
      { comment: 'x'.repeat(1001) },
      { language: 'fr' },
      { levelKey: 'DROP TABLE' },
    ]) {
      expect(RatingSubmitSchema.safeParse({ ...good, ...change }).success).toBe(false)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { RatingSubmitSchema } from '../../shared/schemas/rating'
import { codePointLength, cutToCodePoints, hasLoneSurrogate, withoutLastGrapheme } from '../../shared/text'

describe('comment length in code points', () => {
  it('counts an emoji as one character and a decomposed letter by its code points', () => {
    expect(codePointLength('Chờ lâu 😀')).toBe(9)
    expect(codePointLength('ệ'.normalize('NFD'))).toBe(3)
    expect(hasLoneSurrogate('😀')).toBe(false)
    expect(hasLoneSurrogate('😀'.slice(0, 1))).toBe(true)
  })

  it('cuts at a grapheme boundary: never half a surrogate pair, never a letter without its mark', () => {
    expect(cutToCodePoints('ab😀', 3)).toBe('ab😀')
    expect(cutToCodePoints('abc😀', 3)).toBe('abc')
    expect(cutToCodePoints('ab😀c', 3)).toBe('ab😀')
    expect(cutToCodePoints(`ab${'ệ'.normalize('NFD')}`, 4)).toBe('ab')
    expect(cutToCodePoints('a🇻🇳', 2)).toBe('a')
    expect(withoutLastGrapheme('Tốt 👍🏽')).toBe('Tốt ')
    expect(withoutLastGrapheme('')).toBe('')
  })

  it('what the store keeps of a comment over the limit (the cut it applies) passes the contract', () => {
    // Nine letters and an emoji: ten characters, eleven UTF-16 units. A cut at 10 units would keep half the emoji.
    const comment = cutToCodePoints('Chờ lâu q😀!', 10)
    expect(comment).toBe('Chờ lâu q😀')
    const submit = { ticketUid: null, counterId: 1, levelKey: 'not_satisfied', reasons: [], comment, language: 'vi' }
    expect(RatingSubmitSchema.safeParse(submit).success).toBe(true)
    expect(RatingSubmitSchema.safeParse({ ...submit, comment: 'Chờ lâu q😀!'.slice(0, 10) }).success).toBe(false)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { telexType, telexTypeAll } from '../../renderer/src/telex/telex'

describe('Telex composition', () => {
  const words: [string, string][] = [
    ['nhieeuf', 'nhiều'],
    ['dduwowngf', 'đường'],
    ['nguwowif', 'người'],
    ['nguowif', 'người'],
    ['ddaats', 'đất'],
    ['quar', 'quả'],
    ['gias', 'giá'],
    ['gif', 'gì'],
    ['hoaf', 'hòa'],
    ['hoanf', 'hoàn'],
    ['hoafn', 'hoàn'],
    ['thuys', 'thúy'],
    ['tuowis', 'tưới'],
    ['tuwowis', 'tưới'],
    ['ngoaif', 'ngoài'],
    ['vieetj', 'việt'],
    ['Vieetj', 'Việt'],
    ['DDuwowngf', 'Đường'],
    ['chaof', 'chào'],
    ['caans', 'cấn'],
    ['hieeur', 'hiểu'],
    ['lichj', 'lịch'],
    ['suwj', 'sự'],
    ['tooi', 'tôi'],
    ['khoong', 'không'],
    ['hafi', 'hài'],
    ['lofng', 'lòng'],
    ['ass', 'as'],
    ['aaa', 'aa'],
    ['asz', 'a'],
    ['w', 'ư'],
    ['hwowngs', 'hướng'],
    ['dd', 'đ'],
    ['ddd', 'dd'],
    ['xin', 'xin'],
  ]

  it.each(words)('%s → %s', (keys, expected) => {
    expect(telexTypeAll(keys)).toBe(expected)
  })

  it('composes a sentence word by word and keeps punctuation and digits', () => {
    expect(telexTypeAll('Cans booj hwowngs daanx chuwa rox, phari ddi laij 2 laafn.')).toBe(
      'Cán bộ hướng dẫn chưa rõ, phải đi lại 2 lần.',
    )
  })

  it('only ever changes the word being typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz '), (prefix, key) => {
        const text = `${prefix} `
        expect(telexType(text, key).startsWith(text)).toBe(true)
      }),
    )
  })

  it('gives NFC text whose letters are Vietnamese or Latin, never a stray combining mark', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'aeiouydwsfrxjzn '), { maxLength: 40 }), (keys) => {
        const text = keys.reduce(telexType, '')
        expect(text.normalize('NFC')).toBe(text)
        expect(/\p{M}/u.test(text)).toBe(false)
      }),
    )
  })
})

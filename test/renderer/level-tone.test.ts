import { describe, expect, it } from 'vitest'
import { levelTone } from '../../renderer/src/screens/staff/level-tone'

describe('level colours', () => {
  it('follow what each level of the default forms means, lowest in red', () => {
    expect([3, 2, 1].map((v) => levelTone(v, 3))).toEqual(['best', 'good', 'worst'])
    expect([4, 3, 2, 1].map((v) => levelTone(v, 4))).toEqual(['best', 'good', 'neutral', 'worst'])
    expect([5, 4, 3, 2, 1].map((v) => levelTone(v, 5))).toEqual(['best', 'good', 'neutral', 'bad', 'worst'])
  })
})

import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { callClips, numberClips } from '../../renderer/src/components/queue/voice-clips'
import { initialEntry } from '../../renderer/src/screens/queue/initial-entry'

const voiceDir = path.resolve(__dirname, '../../resources/voice')

/** What each clip says (the generator's script), to read a sequence back as a sentence. */
const words = JSON.parse(fs.readFileSync(path.join(voiceDir, 'clips.json'), 'utf8')) as Record<string, string>
const say = (clips: string[]) => clips.map((c) => words[c] ?? `<${c}>`).join(' ')

describe('voice calls', () => {
  it('read the ticket digit by digit, so leading zeros are heard, and the counter as a number', () => {
    expect(say(callClips('A0123', 5, 'called'))).toBe('Mời công dân có số thứ tự a không một hai ba đến quầy số năm')
    expect(say(callClips('B0005', 12, 'recalled'))).toBe(
      'Xin nhắc lại. Mời công dân có số thứ tự bê không không không năm đến quầy số mười hai',
    )
  })

  it('read counter numbers the Vietnamese way', () => {
    const read = (n: number) => say(numberClips(n))
    expect(read(10)).toBe('mười')
    expect(read(15)).toBe('mười lăm')
    expect(read(21)).toBe('hai mươi mốt')
    expect(read(25)).toBe('hai mươi lăm')
    expect(read(40)).toBe('bốn mươi')
    expect(read(101)).toBe('một trăm linh một')
    expect(read(105)).toBe('một trăm linh năm')
    expect(read(111)).toBe('một trăm mười một')
    expect(read(300)).toBe('ba trăm')
    expect(() => numberClips(0)).toThrow(RangeError)
  })

  it('only ever need clips that are bundled in resources/voice', () => {
    const bundled = new Set(fs.readdirSync(voiceDir).filter((f) => f.endsWith('.wav')).map((f) => f.slice(0, -4)))
    fc.assert(
      fc.property(
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom('called' as const, 'recalled' as const),
        (letter, n, counter, kind) => {
          const missing = callClips(`${letter}${String(n).padStart(4, '0')}`, counter, kind).filter((c) => !bundled.has(c))
          expect(missing).toEqual([])
        },
      ),
      { numRuns: 300 },
    )
    // Every clip of the script exists, as a real WAV file.
    expect([...bundled].sort()).toEqual(Object.keys(words).sort())
    for (const name of bundled) expect(fs.readFileSync(path.join(voiceDir, `${name}.wav`)).subarray(0, 4).toString()).toBe('RIFF')
  })
})

describe('initial route', () => {
  it('opens the TV board and staff windows at their address, everything else at home', () => {
    expect(initialEntry('#/board')).toBe('/board')
    expect(initialEntry('#/counter/3')).toBe('/counter/3')
    expect(initialEntry('#/counter')).toBe('/counter')
    expect(initialEntry('')).toBe('/')
    expect(initialEntry('#/rate')).toBe('/')
    expect(initialEntry('#/counter/3/../../admin')).toBe('/')
  })
})

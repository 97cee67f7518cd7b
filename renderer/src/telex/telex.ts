/**
 * Telex composition for the on-screen keyboard: Latin keystrokes become Vietnamese letters, the way citizens
 * type on their phones (Unikey / Gboard Telex). "nhieeuf" → "nhiều", "dduwowngf" → "đường".
 *
 * - vowel marks: aa → â, ee → ê, oo → ô, aw → ă, ow → ơ, uw → ư, uow → ươ, w with no vowel yet → ư; dd → đ
 * - tones: s sắc, f huyền, r hỏi, x ngã, j nặng, z removes the tone
 * - typing a mark or tone twice undoes it and keeps the letter ("ass" → "as")
 * - tones sit where Vietnamese spelling puts them (traditional placement: hòa, thúy, as in Unikey's default)
 *
 * Only the word being typed (the trailing run of letters) is ever changed.
 */

const TONED: Record<string, string> = {
  a: 'aáàảãạ',
  ă: 'ăắằẳẵặ',
  â: 'âấầẩẫậ',
  e: 'eéèẻẽẹ',
  ê: 'êếềểễệ',
  i: 'iíìỉĩị',
  o: 'oóòỏõọ',
  ô: 'ôốồổỗộ',
  ơ: 'ơớờởỡợ',
  u: 'uúùủũụ',
  ư: 'ưứừửữự',
  y: 'yýỳỷỹỵ',
}

const TONE_KEYS = 'sfrxj' // index + 1 = tone number in TONED rows

interface Vowel {
  base: string // lower-case vowel without tone, e.g. 'ơ'
  tone: number // 0 = none, 1..5 = sắc huyền hỏi ngã nặng
  upper: boolean
}

const vowelOf = new Map<string, Vowel>()
for (const [base, row] of Object.entries(TONED)) {
  ;[...row].forEach((ch, tone) => {
    vowelOf.set(ch, { base, tone, upper: false })
    vowelOf.set(ch.toUpperCase(), { base, tone, upper: true })
  })
}

function render(v: Vowel): string {
  const ch = [...(TONED[v.base] ?? v.base)][v.tone] ?? v.base
  return v.upper ? ch.toUpperCase() : ch
}

const isLetter = (ch: string) => /\p{L}/u.test(ch)

/** Indexes of the vowel nucleus in the word: the last run of vowels, without the u of "qu" / the i of "gi". */
function nucleus(chars: string[]): number[] {
  let end = chars.length - 1
  while (end >= 0 && !vowelOf.has(chars[end] ?? '')) end -= 1
  if (end < 0) return []
  let start = end
  while (start > 0 && vowelOf.has(chars[start - 1] ?? '')) start -= 1
  const lead = (chars[start - 1] ?? '').toLowerCase()
  const first = vowelOf.get(chars[start] ?? '')?.base
  if (end > start && ((lead === 'q' && first === 'u') || (lead === 'g' && first === 'i'))) start += 1
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

const MARKED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư'])

/** Where the tone goes within the nucleus. */
function tonePosition(chars: string[], idx: number[]): number {
  const bases = idx.map((i) => vowelOf.get(chars[i] ?? '')?.base ?? '')
  const horn = bases.findIndex((b, k) => b === 'ư' && bases[k + 1] === 'ơ')
  if (horn !== -1) return idx[horn + 1] ?? idx[0] ?? 0
  const marked = bases.map((b, k) => (MARKED.has(b) ? k : -1)).filter((k) => k !== -1)
  if (marked.length > 0) return idx[marked[marked.length - 1] ?? 0] ?? 0
  const last = idx[idx.length - 1] ?? 0
  const hasFinal = last < chars.length - 1
  if (idx.length === 1 || hasFinal) return last
  return idx.length === 3 ? (idx[1] ?? last) : (idx[0] ?? last)
}

/** Puts `tone` on the right vowel of the nucleus and clears it from the others. */
function placeTone(chars: string[], idx: number[], tone: number): void {
  const target = tonePosition(chars, idx)
  for (const i of idx) {
    const v = vowelOf.get(chars[i] ?? '')
    if (v) chars[i] = render({ ...v, tone: i === target ? tone : 0 })
  }
}

function currentTone(chars: string[], idx: number[]): number {
  for (const i of idx) {
    const tone = vowelOf.get(chars[i] ?? '')?.tone ?? 0
    if (tone !== 0) return tone
  }
  return 0
}

function withBase(ch: string, base: string): string {
  const v = vowelOf.get(ch)
  return v ? render({ ...v, base }) : ch
}

/** Applies a vowel-mark key (a, e, o, w) to the nucleus; returns null when it is just a letter to append. */
function applyMark(chars: string[], idx: number[], key: string): string[] | null {
  const bases = idx.map((i) => vowelOf.get(chars[i] ?? '')?.base ?? '')
  const set = (k: number, base: string) => {
    const i = idx[k]
    if (i !== undefined) chars[i] = withBase(chars[i] ?? '', base)
  }
  if (key === 'w') {
    const uo = bases.findIndex((b, k) => (b === 'u' || b === 'ư') && (bases[k + 1] === 'o' || bases[k + 1] === 'ơ'))
    if (uo !== -1 && !(bases[uo] === 'ư' && bases[uo + 1] === 'ơ')) {
      set(uo, 'ư')
      set(uo + 1, 'ơ')
      return chars
    }
    for (let k = bases.length - 1; k >= 0; k -= 1) {
      const plain: Record<string, string> = { u: 'ư', o: 'ơ', a: 'ă' }
      const undo: Record<string, string> = { ư: 'u', ơ: 'o', ă: 'a' }
      const b = bases[k] ?? ''
      if (plain[b]) {
        set(k, plain[b])
        return chars
      }
      if (undo[b]) {
        set(k, undo[b])
        return [...chars, 'w']
      }
    }
    return null
  }
  const hat: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' }
  const family: Record<string, string[]> = { a: ['a', 'ă'], e: ['e'], o: ['o', 'ơ'] }
  for (let k = bases.length - 1; k >= 0; k -= 1) {
    const b = bases[k] ?? ''
    if (family[key]?.includes(b)) {
      set(k, hat[key] ?? b)
      return chars
    }
    if (b === hat[key]) {
      set(k, key)
      return [...chars, key]
    }
  }
  return null
}

/** Composes one word with one more keystroke. */
export function composeWord(word: string, key: string): string {
  const lower = key.toLowerCase()
  const upper = key !== lower
  const chars = [...word]
  const last = chars[chars.length - 1] ?? ''

  if (lower === 'd' && (last === 'd' || last === 'D')) return [...chars.slice(0, -1), last === 'D' ? 'Đ' : 'đ'].join('')
  if (lower === 'd' && (last === 'đ' || last === 'Đ')) return [...chars.slice(0, -1), last === 'Đ' ? 'D' : 'd', key].join('')

  const idx = nucleus(chars)
  if (idx.length === 0) return lower === 'w' ? word + (upper ? 'Ư' : 'ư') : word + key

  const toneKey = TONE_KEYS.indexOf(lower)
  if (toneKey !== -1 || lower === 'z') {
    const tone = toneKey + 1 // z → 0
    const current = currentTone(chars, idx)
    if (lower === 'z' && current === 0) return word + key
    if (tone !== 0 && current === tone) {
      placeTone(chars, idx, 0)
      return chars.join('') + key
    }
    placeTone(chars, idx, tone)
    return chars.join('')
  }

  if (lower === 'a' || lower === 'e' || lower === 'o' || lower === 'w') {
    const tone = currentTone(chars, idx)
    const marked = applyMark(chars, idx, lower)
    if (marked === null) return word + key
    // The tone may have to move to the newly marked vowel (e.g. "tuowis" → "tưới").
    const markedIdx = nucleus(marked)
    if (tone !== 0) placeTone(marked, markedIdx, tone)
    if (upper && marked.length > chars.length) marked[marked.length - 1] = key
    return marked.join('')
  }

  const appended = [...chars, key]
  const tone = currentTone(chars, idx)
  // A final consonant can move the tone (e.g. "hoà" + n → "hoàn"): place it again over the new syllable.
  if (tone !== 0 && isLetter(key)) placeTone(appended, nucleus(appended), tone)
  return appended.join('')
}

/** Types one key into a text: letters compose with the word being typed, anything else is appended as is. */
export function telexType(text: string, key: string): string {
  if (key.length !== 1 || !/[a-z]/i.test(key)) return text + key
  const match = /\p{L}+$/u.exec(text)
  const word = match ? match[0] : ''
  return text.slice(0, text.length - word.length) + composeWord(word, key)
}

/** Types a whole keystroke sequence (what a citizen taps), for tests and for a physical keyboard's paste. */
export function telexTypeAll(keys: string, start = ''): string {
  return [...keys].reduce(telexType, start)
}

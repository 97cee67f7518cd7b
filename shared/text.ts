/**
 * How the app measures and cuts free text. One unit everywhere: the Unicode code point (what `[...s]` counts,
 * what SQLite's length() and JSON Schema's maxLength count), never the UTF-16 unit of `s.length` — an emoji is one
 * character to the citizen and to the limit, not two. Used by the shared schemas, core and the renderer alike, so
 * the keyboard's counter, the store's cut and the contract's check can never disagree.
 */

/**
 * A UTF-16 surrogate that is not half of a pair. With the `u` flag a proper pair reads as one astral code point,
 * so only a lone half matches. SQLite would store it as U+FFFD, so a text holding one cannot be kept as it was.
 */
const LONE_SURROGATE = /\p{Cs}/u

export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value)
}

/** Length in code points (a lone surrogate, were one there, counts as one). */
export function codePointLength(value: string): number {
  let n = 0
  for (const _ of value) n++
  return n
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * The longest start of `value` with at most `max` code points that ends on a grapheme boundary: never half of a
 * surrogate pair (which would be a lone surrogate), never a letter without its tone mark, never half a flag.
 */
export function cutToCodePoints(value: string, max: number): string {
  if (codePointLength(value) <= max) return value
  let kept = ''
  let count = 0
  for (const { segment } of graphemes.segment(value)) {
    const size = codePointLength(segment)
    if (count + size > max) break
    kept += segment
    count += size
  }
  return kept
}

/** What Backspace leaves: the text without its last grapheme, so no keystroke can leave half a character. */
export function withoutLastGrapheme(value: string): string {
  let last = 0
  for (const { index } of graphemes.segment(value)) last = index
  return value.slice(0, last)
}

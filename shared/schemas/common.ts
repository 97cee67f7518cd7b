import { z } from 'zod'
import { codePointLength, hasLoneSurrogate } from '../text'

interface TextOptions {
  /** Most code points (see shared/text.ts), counted after normalising and trimming. */
  max: number
  /** Fewest code points, after trimming: 1 for a required field. */
  min?: number
  /** Drops leading and trailing white space: single-line fields. Multi-line text keeps what was typed. */
  trim?: boolean
  /**
   * Stores text in NFC, so "Hà" typed on a Mac (NFD: a + combining grave) and on Windows (NFC) is one name, and
   * what core chains is what SQLite keeps. False only where the exact code points matter more than their form: a
   * record already chained or signed (changing it would break its link) and file-system paths.
   */
  normalize?: boolean
}

/**
 * The one builder of every free-text field at a boundary. It never throws, whatever it is given:
 * - a lone surrogate is refused, not replaced: SQLite would store U+FFFD while the chain was computed over the
 *   original, and the row would then fail verification as if someone had tampered with it;
 * - then NFC and trimming, and the bounds in code points, reported as too_small / too_big like zod's own (the
 *   admin forms turn those into "at most N characters"); a failed bound stops the checks that follow.
 * The zod min / max that follow can no longer fail (UTF-16 units are at least the code points and at most twice
 * as many): they keep the bounds visible to whoever reads the schema — the contract strictness test, JSON Schema
 * (whose maxLength counts code points, so it is set to the real limit). The schema's own `.maxLength` reports
 * that backstop (2 × max), not the limit: read the limit from where it is defined.
 */
export function textSchema({ max, min = 0, trim = false, normalize = true }: TextOptions) {
  let schema = z.string().refine((value) => !hasLoneSurrogate(value), {
    message: 'broken character: a lone UTF-16 surrogate',
    abort: true,
  })
  if (normalize) schema = schema.normalize('NFC')
  if (trim) schema = schema.trim()
  schema = schema.check((ctx) => {
    const length = codePointLength(ctx.value)
    const bound = length < min ? { code: 'too_small' as const, minimum: min } : length > max ? { code: 'too_big' as const, maximum: max } : null
    if (bound !== null) ctx.issues.push({ ...bound, origin: 'string', inclusive: true, input: ctx.value, continue: false })
  })
  if (trim || min > 0) schema = schema.min(min)
  return schema.max(max * 2).meta({ maxLength: max })
}

/** A trimmed, bounded, single-line text in NFC (names, titles, labels, search strings). */
export function line(max: number, min = 0) {
  return textSchema({ max, min, trim: true })
}

/** Multi-line free text (comments, notes) in NFC, bounded; white space kept as typed. */
export function text(max: number) {
  return textSchema({ max })
}

/**
 * Text as it was chained or signed (a rating record, a protocol message): checked like any text, but never
 * changed, since even an NFC of an older NFD row would no longer match its link.
 */
export function verbatim(max: number, min = 0) {
  return textSchema({ max, min, normalize: false })
}

export const IdSchema = z.number().int().positive().max(2 ** 31)
export const EpochMsSchema = z.number().int().nonnegative().max(8.64e15)

export const LanguageSchema = z.enum(['vi', 'en'])
export type Language = z.infer<typeof LanguageSchema>

/** Text shown to citizens in both languages; Vietnamese is required, English may be empty (falls back to vi). */
export const LocalizedTextSchema = z.strictObject({
  vi: line(200, 1),
  en: line(200),
})
export type LocalizedText = z.infer<typeof LocalizedTextSchema>

/**
 * A path under the app's media root, as the renderer may request it (`media/...`). Only plain segments: no `..`,
 * no absolute paths, no backslashes, so it can never escape the media folders.
 */
export const MediaPathSchema = z
  .string()
  .max(200)
  .regex(/^media\/(?:[a-z0-9][a-z0-9._-]*\/)*[a-z0-9][a-z0-9._-]*$/i, 'not a media path')
  .refine((p) => !p.split('/').some((s) => s === '..' || s === '.'), 'not a media path')

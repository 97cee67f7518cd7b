import { z } from 'zod'

/** A trimmed, bounded, single-line text. Every string that crosses a boundary has a maximum length. */
export function line(max: number, min = 0) {
  return z.string().trim().min(min).max(max)
}

/** Multi-line free text (comments, notes), bounded. */
export function text(max: number) {
  return z.string().max(max)
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

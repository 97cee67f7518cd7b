import type { TFunction } from 'i18next'
import type { z } from 'zod'

export type FieldErrors = Record<string, string>

/** Messages of the shared schemas' refinements, mapped to their Vietnamese/English text. */
const CUSTOM: Record<string, string> = {
  'a kiosk in counter mode needs a counter': 'admin.errors.counterNeeded',
  'one level per point of the scale': 'admin.errors.levels',
  'level values must be distinct': 'admin.errors.levels',
  'one capital letter': 'admin.errors.prefix',
  'an enabled upload needs an endpoint': 'admin.errors.endpointNeeded',
  'lower-case key': 'admin.errors.priorityKey',
  'duplicate key': 'admin.errors.duplicateKey',
}

function message(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? t('admin.errors.required')
        : issue.origin === 'array'
          ? t('admin.errors.chooseOne')
          : t('admin.errors.min', { min: issue.minimum })
    case 'too_big':
      return issue.origin === 'string' ? t('admin.errors.maxLength', { max: issue.maximum }) : t('admin.errors.max', { max: issue.maximum })
    case 'invalid_format':
      return t(CUSTOM[issue.message] ?? 'admin.errors.format')
    case 'custom': {
      const key = CUSTOM[issue.message]
      // The configuration file's rules name the clashing letter, number or name, which no fixed key can carry.
      if (key === undefined && issue.params?.['shownAsIs'] === true) return issue.message
      return t(key ?? 'admin.errors.invalid')
    }
    default:
      return t('admin.errors.invalid')
  }
}

/**
 * Checks a form with the same shared schema core will apply, and gives one message per field path ("name.vi",
 * "idle.staffSeconds"). Nothing is sent while any field is wrong, so nothing is half-applied.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: TFunction,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, data: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.')
    errors[key] ??= message(issue, t)
  }
  return { ok: false, errors }
}

/** A CONFLICT from core names the clashing field; other failures are shown for the whole form. */
export function serverErrors(code: string, fieldName: string, t: TFunction): FieldErrors {
  return code === 'CONFLICT' ? { [fieldName]: t(`admin.errors.taken.${fieldName}`, { defaultValue: t('admin.errors.invalid') }) } : { '': t('admin.saveFailed') }
}

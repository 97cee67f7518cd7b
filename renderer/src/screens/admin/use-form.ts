import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { Result } from '../../../../shared/result'
import { useAdminStore } from '../../stores/admin-store'
import { serverErrors, validate, type FieldErrors } from './validation'

/**
 * One admin form: its draft, per-field errors, and `save` — check with the shared schema, send only when all of it
 * is valid, reload the configuration on success. `conflictField` names the field a CONFLICT from core is about.
 */
export function useForm<S extends z.ZodType, T>(
  schema: S,
  initial: z.input<S>,
  send: (data: z.output<S>) => Promise<Result<T>>,
  conflictField = '',
) {
  const { t } = useTranslation()
  const reload = useAdminStore((s) => s.load)
  const [draft, setDraft] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [saved, setSaved] = useState(false)
  const update = (change: (draft: z.input<S>) => z.input<S>) => {
    setDraft(change)
    setSaved(false)
  }
  const save = async (): Promise<T | null> => {
    setSaved(false)
    const checked = validate(schema, draft, t)
    if (!checked.ok) {
      setErrors(checked.errors)
      return null
    }
    const result = await send(checked.data)
    if (!result.ok) {
      setErrors(serverErrors(result.error.code, conflictField, t))
      return null
    }
    setErrors({})
    setSaved(true)
    await reload()
    return result.value
  }
  return { draft, setDraft: update, reset: setDraft, errors, saved, save }
}

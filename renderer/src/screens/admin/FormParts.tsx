import { useId, type ReactNode } from 'react'
import type { FieldErrors } from './validation'

/** A labelled input with its error under it, tied together for screen readers. */
export function Field({
  label,
  error,
  children,
}: {
  label: string
  error: string | undefined
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode
}) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': error ? errorId : undefined })}
      {error !== undefined && (
        <span id={errorId} className="field__error">
          {error}
        </span>
      )}
    </div>
  )
}

export function TextField(props: {
  label: string
  value: string
  onChange: (value: string) => void
  error: string | undefined
  maxLength?: number
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(a11y) => (
        <input
          {...a11y}
          className="field__input"
          value={props.value}
          maxLength={props.maxLength ?? 200}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  )
}

export function NumberField(props: {
  label: string
  value: number
  onChange: (value: number) => void
  error: string | undefined
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(a11y) => (
        <input
          {...a11y}
          type="number"
          inputMode="numeric"
          className="field__input field__input--number"
          value={Number.isNaN(props.value) ? '' : props.value}
          onChange={(e) => props.onChange(e.target.valueAsNumber)}
        />
      )}
    </Field>
  )
}

export function CheckField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" className="check__box" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  )
}

/** The error for the whole form (not tied to one field), and the save result. */
export function FormStatus({ errors, saved, savedText }: { errors: FieldErrors; saved: boolean; savedText: string }) {
  return (
    <p className={errors[''] ? 'field__error' : 'admin-status'} role="status">
      {errors[''] ?? (saved ? savedText : '')}
    </p>
  )
}

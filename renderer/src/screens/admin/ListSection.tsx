import type { Key, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FormStatus } from './FormParts'
import type { FieldErrors } from './validation'

/** An admin page's frame: the section is named by its heading, which is also how the e2e tests find the page. */
export function AdminSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="admin-page" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  )
}

/** A table with one header per column; each page supplies a row's cells, so the columns stay the page's own. */
export function AdminTable<T>({
  columns,
  rows,
  rowKey,
  cells,
}: {
  columns: readonly string[]
  rows: readonly T[]
  rowKey: (row: T) => Key
  cells: (row: T, index: number) => ReactNode
}) {
  return (
    <table className="admin-table">
      <thead>
        <tr>
          {columns.map((label, i) => (
            // A table's columns never reorder, so the position is a stable key.
            <th key={i}>{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row)}>{cells(row, i)}</tr>
        ))}
      </tbody>
    </table>
  )
}

/** The editor for the item being edited, else the Add button: one item is edited at a time, above the list. */
export function EditOrAdd<T>({
  editing,
  addLabel,
  onAdd,
  editor,
}: {
  editing: T | null
  addLabel: string
  onAdd: () => void
  editor: (item: T) => ReactNode
}) {
  return editing !== null ? (
    editor(editing)
  ) : (
    <button type="button" className="button button--primary" onClick={onAdd}>
      {addLabel}
    </button>
  )
}

/** A row's name, marked when inactive: inactive items stay listed because history and ratings still name them. */
export function NameCell({ name, active }: { name: string; active: boolean }) {
  const { t } = useTranslation()
  return (
    <td>
      {name}
      {!active && ` (${t('admin.inactive')})`}
    </td>
  )
}

/** The row's Edit button, labelled with the row's name so each one is distinct to a screen reader. */
export function EditCell({ name, onEdit }: { name: string; onEdit: () => void }) {
  const { t } = useTranslation()
  return (
    <td>
      <button type="button" className="button" aria-label={t('admin.editNamed', { name })} onClick={onEdit}>
        {t('admin.edit')}
      </button>
    </td>
  )
}

/**
 * The form that edits one list item: the page's fields, then the save result and Save / Cancel. A successful save
 * closes it (`onDone`), as Cancel does; a failed one keeps it open with the errors shown.
 */
export function ItemForm({
  form,
  onDone,
  children,
}: {
  form: { save: () => Promise<unknown>; errors: FieldErrors; saved: boolean }
  onDone: () => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <form className="admin-form" onSubmit={(e) => (e.preventDefault(), void form.save().then((ok) => ok && onDone()))}>
      {children}
      <FormStatus errors={form.errors} saved={form.saved} savedText={t('admin.saved')} />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary">
          {t('admin.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  )
}

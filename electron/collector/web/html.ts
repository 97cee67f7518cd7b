/**
 * Server-rendered HTML, escaped by construction: `html\`…${value}…\`` escapes every interpolated value unless it is
 * already `Html` (a fragment built the same way). No template engine, no inline script or style: the page's only
 * script is /dashboard/assets/dashboard.js, which reads chart data from JSON islands (type="application/json" is
 * data, not script, so the strict CSP allows it).
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

export type Interpolated = Html | string | number | null | undefined | false | readonly Interpolated[]

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/**
 * Chart or table data for the page script. JSON inside <script type="application/json"> must not be able to close
 * the element, so `<` is written as \u003c (still valid JSON).
 */
export function jsonIsland(id: string, value: unknown): Html {
  const json = JSON.stringify(value).replace(/</g, '\\u003c')
  return new Html(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`)
}

/** A table with a caption and header cells, the accessible default for every figure on the dashboard. */
export function table(caption: string, head: readonly string[], body: readonly (readonly Interpolated[])[]): Html {
  return html`<table>
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${body.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>`
}

/** A rate as Vietnamese reports write it: one decimal, comma as the decimal mark. */
export function percent(numerator: number, denominator: number, lang: 'vi' | 'en'): string {
  if (denominator === 0) return '—'
  const value = (100 * numerator) / denominator
  return `${value.toFixed(1).replace('.', lang === 'vi' ? ',' : '.')} %`
}

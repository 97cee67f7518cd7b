import type { Session } from './accounts'
import { html, type Html } from './html'
import { t, type Lang, type TextKey } from './i18n'
import { VN_OFFSET_MS } from '../signals/levels'
import type { Period } from '../signals/signals'

export interface PageContext {
  lang: Lang
  session: Session
  url: URL
  now: number
}

const NAV: [string, TextKey, ((s: Session) => boolean)?][] = [
  ['/dashboard/', 'overview'],
  ['/dashboard/devices', 'devices'],
  ['/dashboard/disputes', 'disputes'],
  ['/dashboard/alerts', 'alerts'],
  ['/dashboard/flags', 'flags'],
  ['/dashboard/users', 'users', (s) => s.user.role === 'province'],
]

/** A same-origin link that switches the language and comes back here. */
function languageLink(ctx: PageContext): Html {
  const to = ctx.lang === 'vi' ? 'en' : 'vi'
  const back = encodeURIComponent(ctx.url.pathname + ctx.url.search)
  return html`<a href="/dashboard/lang?to=${to}&amp;back=${back}" lang="${to}">${t(ctx.lang, 'language')}</a>`
}

export function layout(ctx: PageContext | { lang: Lang; session: null }, heading: string, main: Html): Html {
  const { lang } = ctx
  const nav =
    ctx.session === null
      ? null
      : html`<nav aria-label="${t(lang, 'title')}"><ul>${NAV.filter(([, , allow]) => allow?.(ctx.session) ?? true).map(
          ([href, key]) => html`<li><a href="${href}"${(ctx as PageContext).url.pathname === href ? html` aria-current="page"` : ''}>${t(lang, key)}</a></li>`,
        )}</ul></nav>`
  const who =
    ctx.session === null
      ? null
      : html`<div class="who"><span>${ctx.session.user.displayName} · ${t(lang, ctx.session.user.role)}</span>
          ${languageLink(ctx)}
          <form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${ctx.session.csrf}">
          <button type="submit">${t(lang, 'logout')}</button></form></div>`
  return html`<html lang="${lang}"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${heading} — ${t(lang, 'title')}</title>
    <link rel="stylesheet" href="/dashboard/assets/dashboard.css">
    <script src="/dashboard/assets/dashboard.js" defer></script></head>
    <body><a class="skip" href="#main">${t(lang, 'skip')}</a>
    <header><p class="brand">${t(lang, 'title')}</p>${who}${nav}</header>
    <main id="main"><h1>${heading}</h1>${main}</main></body></html>`
}

/** A Vietnam calendar day as YYYY-MM-DD, and back to the instant its midnight starts. */
export function vnDay(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10)
}
export function vnMidnight(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  const at = Date.parse(`${day}T00:00:00Z`)
  return Number.isNaN(at) ? null : at - VN_OFFSET_MS
}

/** ?from=…&to=… (days, both included); the last 30 days by default, at most two years. */
export function periodOf(url: URL, now: number): Period {
  const today = vnMidnight(vnDay(now)) ?? now
  const to = vnMidnight(url.searchParams.get('to') ?? '')
  const from = vnMidnight(url.searchParams.get('from') ?? '')
  const end = (to ?? today) + 86_400_000
  const start = from !== null && from < end && end - from <= 731 * 86_400_000 ? from : end - 30 * 86_400_000
  return { from: start, to: end }
}

export function periodForm(ctx: PageContext, period: Period, hidden: Record<string, string> = {}): Html {
  const { lang } = ctx
  return html`<form method="get" class="period" action="${ctx.url.pathname}">
    ${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <label>${t(lang, 'from')} <input type="date" name="from" value="${vnDay(period.from)}"></label>
    <label>${t(lang, 'to')} <input type="date" name="to" value="${vnDay(period.to - 86_400_000)}"></label>
    <button type="submit">${t(lang, 'show')}</button></form>`
}

export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.session.csrf}">`
}

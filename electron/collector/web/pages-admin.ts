import type { User } from './accounts'
import { html, table, type Html } from './html'
import { t, type Lang } from './i18n'
import { csrfField, layout, type PageContext } from './layout'

/** The login form carries a per-visit token that must match its cookie (double submit): no cross-site login. */
export function loginPage(lang: Lang, loginToken: string, error: string | null): Html {
  return layout(
    { lang, session: null },
    t(lang, 'login'),
    html`${error === null ? null : html`<p role="alert" class="error">${error}</p>`}
    <form method="post" action="/dashboard/login" class="login">
      <input type="hidden" name="_login" value="${loginToken}">
      <label>${t(lang, 'username')} <input name="username" autocomplete="username" required maxlength="40"></label>
      <label>${t(lang, 'password')} <input type="password" name="password" autocomplete="current-password" required maxlength="200"></label>
      <button type="submit">${t(lang, 'login')}</button>
    </form>
    <p><a href="/dashboard/lang?to=${lang === 'vi' ? 'en' : 'vi'}&amp;back=%2Fdashboard%2Flogin" lang="${lang === 'vi' ? 'en' : 'vi'}">${t(lang, 'language')}</a></p>`,
  )
}

export function usersPage(ctx: PageContext, users: User[], centres: Map<string, string>, notice: string | null): Html {
  const { lang } = ctx
  const rows = users.map((u) => [
    u.username,
    u.displayName,
    t(lang, u.role),
    u.centreId === null ? '—' : (centres.get(u.centreId) ?? u.centreId),
    u.disabled ? t(lang, 'disabled') : t(lang, 'active'),
    u.username === ctx.session.user.username
      ? ''
      : html`<form method="post" action="/dashboard/users/disable">${csrfField(ctx)}
          <input type="hidden" name="username" value="${u.username}"><input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}">
          <button type="submit" aria-label="${u.disabled ? t(lang, 'enable') : t(lang, 'disable')} ${u.username}">${u.disabled ? t(lang, 'enable') : t(lang, 'disable')}</button></form>`,
  ])
  const head = [t(lang, 'username'), t(lang, 'displayName'), t(lang, 'role'), t(lang, 'centre'), t(lang, 'state'), t(lang, 'action')]
  const form = html`<section aria-labelledby="add-h"><h2 id="add-h">${t(lang, 'addUser')}</h2>
    <form method="post" action="/dashboard/users" class="add-user">${csrfField(ctx)}
      <label>${t(lang, 'username')} <input name="username" required pattern="[a-z0-9._\\-]{3,40}" autocomplete="off"></label>
      <label>${t(lang, 'displayName')} <input name="displayName" required maxlength="100" autocomplete="off"></label>
      <label>${t(lang, 'password')} <input type="password" name="password" required minlength="12" autocomplete="new-password"></label>
      <label>${t(lang, 'role')} <select name="role">${(['leader', 'auditor', 'province'] as const).map((r) => html`<option value="${r}">${t(lang, r)}</option>`)}</select></label>
      <label>${t(lang, 'centre')} <select name="centreId"><option value="">${t(lang, 'none')}</option>${[...centres].map(([id, name]) => html`<option value="${id}">${name}</option>`)}</select></label>
      <button type="submit">${t(lang, 'addUser')}</button></form></section>`
  return layout(ctx, t(lang, 'users'), html`${notice === null ? null : html`<p role="status" class="notice">${notice}</p>`}${form}${table(t(lang, 'users'), head, rows)}`)
}

export function messagePage(ctx: PageContext | { lang: Lang; session: null }, heading: string, text: string): Html {
  return layout(ctx, heading, html`<p>${text}</p><p><a href="/dashboard/">${t(ctx.lang, 'overview')}</a></p>`)
}

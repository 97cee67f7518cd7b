import { z } from 'zod'
import type { DeviceStatus } from '../../../shared/schemas/upload'
import type { AlertRow, AlertSettings } from '../alerts/outbox'
import { WEBHOOK_URL_MAX, webhookUrlProblem, type WebhookUrlProblem } from '../alerts/webhook-url'
import type { Flag } from '../signals/signals'
import { scopeSql, type Scope, type SqlReader } from '../signals/sql-reader'
import { html, table, type Html } from './html'
import { formatTime, kindText, t, webhookProblemText } from './i18n'
import { csrfField, layout, periodForm, type PageContext } from './layout'
import type { DisputeView } from './queries'

const DeviceRow = z.looseObject({ device_id: z.string(), centre_id: z.string().nullable() })

/** The devices a viewer may see (a leader: their centre's), with their centre. */
export async function visibleDevices(db: SqlReader, scope: Scope): Promise<{ deviceId: string; centreId: string | null }[]> {
  const s = scopeSql(scope)
  const rows = z.array(DeviceRow).parse(await db.all(`SELECT device_id, centre_id FROM devices WHERE 1 = 1${s.sql} ORDER BY enrolled_at`, s.params))
  return rows.map((r) => ({ deviceId: r.device_id, centreId: r.centre_id }))
}

export function devicesPage(ctx: PageContext, devices: { status: DeviceStatus; centreName: string }[]): Html {
  const { lang } = ctx
  const rows = devices.map(({ status: d, centreName }) => [
    html`<span class="label">${d.label}</span><br><code>${d.deviceId}</code>${d.revokedAt === null ? '' : html` <strong>${t(lang, 'revoked')}</strong>`}`,
    centreName,
    d.lastHeartbeat === null ? t(lang, 'never') : `${formatTime(d.lastHeartbeat.at, lang)} (v${d.lastHeartbeat.appVersion})`,
    d.lastHeartbeat?.pending ?? '—',
    d.stored,
    d.chain.firstBadSeq === null
      ? html`<span class="ok">${t(lang, 'chainOk')} ${d.chain.verifiedSeq}</span>`
      : html`<strong class="bad">${t(lang, 'chainBad')} ${d.chain.firstBadSeq} (${d.chain.reason ?? ''})</strong>`,
  ])
  const head = [t(lang, 'device'), t(lang, 'centre'), t(lang, 'lastHeartbeat'), t(lang, 'pending'), t(lang, 'stored'), t(lang, 'chain')]
  return layout(ctx, t(lang, 'devices'), table(t(lang, 'devices'), head, rows))
}

export function disputesPage(ctx: PageContext, list: DisputeView[], centreNames: Map<string, string>): Html {
  const { lang } = ctx
  const rows = list.map((d) => [
    formatTime(d.openedAt, lang),
    d.centreId === null ? '—' : (centreNames.get(d.centreId) ?? d.centreId),
    d.officerName ?? '—',
    d.level === null ? '—' : `${d.level}/${d.scale ?? ''}`,
    d.openNote,
    html`<span class="state-${d.outcome}">${t(lang, d.outcome)}</span>`,
    d.outcomeNote,
    d.by,
  ])
  const head = [t(lang, 'time'), t(lang, 'centre'), t(lang, 'officer'), t(lang, 'level'), t(lang, 'note'), t(lang, 'state'), t(lang, 'outcomeNote'), t(lang, 'by')]
  return layout(ctx, t(lang, 'disputes'), table(t(lang, 'disputes'), head, rows))
}

/**
 * `error` is a refused save: the form shows what was typed, with why. A URL already saved that breaks the webhook
 * policy (saved before it) is named too, since the alerts wait unsent until it is replaced.
 */
export function alertsPage(
  ctx: PageContext,
  alerts: AlertRow[],
  settings: AlertSettings | null,
  notice: string | null,
  error: { url: string; problem: WebhookUrlProblem } | null = null,
): Html {
  const { lang } = ctx
  const rows = alerts.map((a) => [
    formatTime(a.created_at, lang),
    kindText(lang, a.kind),
    html`<code>${a.device_id}</code>`,
    a.state === 'delivered' ? html`<span class="ok">${t(lang, 'delivered')}</span>` : t(lang, 'waiting'),
    a.attempts,
    a.state === 'delivered' ? formatTime(a.delivered_at ?? a.next_at, lang) : formatTime(a.next_at, lang),
    a.last_error ?? '',
  ])
  const head = [t(lang, 'time'), t(lang, 'kind'), t(lang, 'device'), t(lang, 'state'), t(lang, 'attempts'), t(lang, 'nextAttempt'), t(lang, 'lastError')]
  // Only the province sets the webhook; the secret is never shown back, only replaced.
  const savedProblem = settings === null || settings.url === null ? null : webhookUrlProblem(settings.url)
  const form =
    settings === null
      ? null
      : html`<section aria-labelledby="webhook-h"><h2 id="webhook-h">${t(lang, 'webhook')}</h2>
        ${settings.url === null ? html`<p>${t(lang, 'notConfigured')}</p>` : null}
        ${savedProblem === null ? null : html`<p role="alert" class="error">${t(lang, 'webhookRefused')} ${webhookProblemText(lang, savedProblem)}</p>`}
        ${error === null ? null : html`<p role="alert" class="error" id="webhook-error">${webhookProblemText(lang, error.problem)}</p>`}
        <p id="webhook-policy">${t(lang, 'webhookPolicy')}</p>
        <form method="post" action="/dashboard/alerts/settings">${csrfField(ctx)}
          <label>${t(lang, 'webhookUrl')} <input type="url" name="url" value="${error?.url ?? settings.url ?? ''}" autocomplete="off" maxlength="${WEBHOOK_URL_MAX}" aria-describedby="webhook-policy"${error === null ? '' : html` aria-invalid="true"`}></label>
          <label>${t(lang, 'webhookSecret')} <input type="password" name="secret" autocomplete="new-password"></label>
          <label>${t(lang, 'silentMinutes')} <input type="number" name="silentAfterMinutes" min="10" max="10080" value="${settings.silentAfterMinutes}"></label>
          <button type="submit">${t(lang, 'save')}</button></form></section>`
  return layout(
    ctx,
    t(lang, 'alerts'),
    html`${notice === null ? null : html`<p role="status" class="notice">${notice}</p>`}${form}${table(t(lang, 'alerts'), head, rows)}`,
  )
}

export function flagsPage(ctx: PageContext, flags: Flag[], period: { from: number; to: number }, centreNames: Map<string, string>): Html {
  const { lang } = ctx
  const rows = flags.map((f) => [
    kindText(lang, f.kind),
    f.centreId === null ? '—' : (centreNames.get(f.centreId) ?? f.centreId),
    f.deviceId === null ? '' : html`<code>${f.deviceId}</code>`,
    f.subject,
    f.value,
    f.firstAt === null ? '' : `${formatTime(f.firstAt, lang)} – ${formatTime(f.lastAt ?? f.firstAt, lang)}`,
  ])
  const head = [t(lang, 'kind'), t(lang, 'centre'), t(lang, 'device'), t(lang, 'subject'), t(lang, 'value'), t(lang, 'period')]
  return layout(ctx, t(lang, 'flags'), html`<p>${t(lang, 'flagsNote')}</p>${periodForm(ctx, period)}${table(t(lang, 'flags'), head, rows)}`)
}

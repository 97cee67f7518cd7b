import { z } from 'zod'
import type { Clock } from '../../core/clock'
import type { WebSql } from '../web/accounts'
import { AlertRowSchema, readAlertSettings } from './outbox'
import { webhookUrlProblem, type WebhookUrlProblem } from './webhook-url'
import { ALERT_HEADERS, alertSignature, backoffMs } from './webhook-signing'

/** A receiver that has not answered in this long has failed this attempt (it is retried like any failure). */
export const DELIVERY_TIMEOUT_MS = 10_000
/** A claimed alert is another process's for this long; past it (that process died), anyone may retry it. */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 20_000

export interface DeliveryReport {
  delivered: number
  failed: number
  /** Set when the saved URL breaks the webhook policy: nothing was sent, every alert stays pending for a valid URL. */
  refused?: WebhookUrlProblem
}

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.arrayBuffer().catch(() => undefined)
    return response.ok ? null : `HTTP ${response.status}`
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : `network: ${String(error).slice(0, 200)}`
  }
}

/**
 * Sends every due pending alert once (until the receiver fails to answer at all). Each is claimed first (a conditional UPDATE any process may race for, only
 * one wins), so several collector processes never send the same attempt twice. A 2xx marks it delivered; anything
 * else schedules the next attempt after backoffMs(attempts) by the injected clock.
 */
export async function deliverDue(db: WebSql, clock: Clock, timeoutMs = DELIVERY_TIMEOUT_MS, limit = 50): Promise<DeliveryReport> {
  const settings = await readAlertSettings(db)
  const report = { delivered: 0, failed: 0 }
  if (settings.url === null || settings.secret === null) return report
  // Checked again here, not only when saved: a URL saved before the policy (or written into the table by hand) must
  // not carry a complaint in clear text. The alerts wait, untouched, until the province sets an allowed URL.
  const refused = webhookUrlProblem(settings.url)
  if (refused !== null) return { ...report, refused }
  const now = clock.now()
  const due = z.array(AlertRowSchema).parse(
    await db.all(
      `SELECT * FROM alerts WHERE state = 'pending' AND next_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
        ORDER BY next_at LIMIT ?`,
      [now, now, limit],
    ),
  )
  for (const alert of due) {
    const claimed = await db.run(
      `UPDATE alerts SET lease_until = ? WHERE event_key = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?)`,
      [now + LEASE_MS, alert.event_key, now],
    )
    if (claimed !== 1) continue
    const timestamp = Math.floor(clock.now() / 1000)
    const error = await post(
      settings.url,
      {
        [ALERT_HEADERS.timestamp]: String(timestamp),
        [ALERT_HEADERS.id]: alert.event_key,
        [ALERT_HEADERS.signature]: alertSignature(settings.secret, timestamp, alert.payload),
      },
      alert.payload,
      timeoutMs,
    )
    const attempts = alert.attempts + 1
    if (error === null) {
      await db.run(
        `UPDATE alerts SET state = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL, lease_until = NULL WHERE event_key = ?`,
        [attempts, clock.now(), alert.event_key],
      )
      report.delivered++
    } else {
      await db.run('UPDATE alerts SET attempts = ?, next_at = ?, last_error = ?, lease_until = NULL WHERE event_key = ?', [
        attempts,
        clock.now() + backoffMs(attempts),
        error,
        alert.event_key,
      ])
      report.failed++
      // No answer at all (timeout, refused, dropped): the receiver is down, and every other due alert would wait
      // out its own timeout too — 50 of them hold this process's alert loop (and its shutdown) for minutes. They
      // stay due for the next round; a receiver that answers, even with an error, is tried for each.
      if (!error.startsWith('HTTP ')) break
    }
  }
  return report
}

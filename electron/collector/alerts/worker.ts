import type { Clock } from '../../core/clock'
import type { WebSql } from '../web/accounts'
import { deliverDue } from './deliver'
import { readAlertSettings, scanSilentDevices } from './outbox'

/** How often a collector process looks for silent devices and due alerts. Every process may: claims keep it once. */
export const ALERT_TICK_MS = 15_000

/**
 * The alert loop of one collector process: scan for devices silent past the province's limit, then send what is
 * due. One tick at a time; `stop` waits for the tick in flight so the store is never closed under it.
 */
export function startAlertWorker(db: WebSql, clock: Clock, log: (line: string) => void, intervalMs = ALERT_TICK_MS) {
  let running: Promise<void> | null = null
  const tick = () => {
    running ??= (async () => {
      const settings = await readAlertSettings(db)
      await scanSilentDevices(db, clock.now(), settings.silentAfterMinutes * 60_000)
      const report = await deliverDue(db, clock)
      if (report.refused !== undefined) log(`alerts: not sent, the saved webhook URL breaks the policy (${report.refused}); set an allowed one`)
      if (report.failed > 0) log(`alerts: ${report.delivered} delivered, ${report.failed} failed (will retry)`)
    })()
      .catch((error: unknown) => log(`alerts: ${String(error)}`))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    async stop(): Promise<void> {
      clearInterval(timer)
      await running
    },
  }
}

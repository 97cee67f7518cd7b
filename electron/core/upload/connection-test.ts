import type { ConnectionTest } from '../../../shared/schemas/sync'
import { PingResponseSchema, type PingRequest } from '../../../shared/schemas/upload-ping'
import { exchange, type ExchangeContext } from './exchange'
import { TIMESTAMP_WINDOW_SECONDS } from '../../../shared/protocol/signing'

/**
 * IT's "test connection": one signed POST /v1/ping, which the collector answers without storing anything. It
 * touches no outbox row, no upload state and no lease, so it can run beside an upload round.
 */
export async function testConnection(ctx: ExchangeContext, deviceId: string): Promise<ConnectionTest> {
  const body: PingRequest = { deviceId }
  const verdict = await exchange(ctx, { path: 'v1/ping', body: JSON.stringify(body), signed: true, schema: PingResponseSchema })
  const answered = verdict.kind !== 'aborted' && !(verdict.kind === 'retry' && ['NETWORK', 'TIMEOUT'].includes(verdict.code))
  // exchange moves the offset from every answer's Date header: the distance to the collector's clock.
  const clockOffsetMs = answered ? ctx.offset.ms : null
  const skewed = clockOffsetMs !== null && Math.abs(clockOffsetMs) > TIMESTAMP_WINDOW_SECONDS * 1000
  switch (verdict.kind) {
    case 'ok':
      if (verdict.value.deviceId !== deviceId) {
        return { outcome: 'error', code: 'BAD_ANSWER', message: 'the answer names another device', clockOffsetMs }
      }
      return skewed
        ? { outcome: 'clock-skew', code: null, message: `offset ${Math.round(clockOffsetMs / 1000)} s`, clockOffsetMs }
        : { outcome: 'reachable', code: null, message: '', clockOffsetMs }
    case 'aborted':
      return { outcome: 'unreachable', code: 'ABORTED', message: 'closed', clockOffsetMs: null }
    case 'credentials':
      return { outcome: 'credentials', code: verdict.code, message: verdict.message, clockOffsetMs }
    case 'retry':
      if (verdict.code === 'TIMESTAMP_SKEW') {
        return { outcome: 'clock-skew', code: verdict.code, message: verdict.message, clockOffsetMs }
      }
      if (!answered) return { outcome: 'unreachable', code: verdict.code, message: verdict.message, clockOffsetMs }
      return { outcome: 'error', code: verdict.code, message: verdict.message, clockOffsetMs }
    case 'reject':
    case 'too-large':
      return { outcome: 'error', code: verdict.code, message: verdict.message, clockOffsetMs }
  }
}

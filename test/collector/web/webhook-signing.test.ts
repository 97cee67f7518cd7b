import { describe, expect, it } from 'vitest'
import {
  alertSignature,
  backoffMs,
  BACKOFF_CAP_MS,
  verifyAlertSignature,
} from '../../../electron/collector/alerts/webhook-signing'

describe('alert webhook signature', () => {
  const body = '{"kind":"negative-rating"}'
  const at = 1_790_000_000

  it('verifies with the same secret, timestamp and body, and nothing else', () => {
    const signature = alertSignature('s3cret', at, body)
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/)
    expect(verifyAlertSignature('s3cret', { timestamp: String(at), signature }, body, at + 10)).toBe(true)
    expect(verifyAlertSignature('other', { timestamp: String(at), signature }, body, at)).toBe(false)
    expect(verifyAlertSignature('s3cret', { timestamp: String(at + 1), signature }, body, at)).toBe(false)
    expect(verifyAlertSignature('s3cret', { timestamp: String(at), signature }, `${body} `, at)).toBe(false)
    expect(verifyAlertSignature('s3cret', { timestamp: String(at), signature: undefined }, body, at)).toBe(false)
  })

  it('refuses a replay outside the receiver window', () => {
    const signature = alertSignature('s3cret', at, body)
    expect(verifyAlertSignature('s3cret', { timestamp: String(at), signature }, body, at + 301)).toBe(false)
  })

  it('backs off 30 s, doubling, capped at an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(backoffMs(50)).toBe(BACKOFF_CAP_MS)
  })
})

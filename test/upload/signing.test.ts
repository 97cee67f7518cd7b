import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { backoffCeiling, backoffDelay, parseRetryAfter } from '../../electron/core/upload/backoff'
import { batchIdFor, headProof, sign, signatureMatches, stringToSign } from '../../shared/protocol/signing'

const parts = { method: 'post', path: '/v1/batches', timestamp: 1764122400, deviceId: 'd', body: '{"a":1}' }

describe('signing (as PROTOCOL.md states it)', () => {
  it('signs method, path, timestamp, device and the body hash, one per line', () => {
    const bodyHash = crypto.createHash('sha256').update('{"a":1}').digest('hex')
    expect(stringToSign(parts)).toBe(`KIOSK-HMAC-SHA256\nPOST\n/v1/batches\n1764122400\nd\n${bodyHash}`)
    const key = 'ab'.repeat(32)
    const expected = crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(stringToSign(parts)).digest('hex')
    expect(sign(key, parts)).toBe(`v1=${expected}`)
  })

  it('any changed part fails the check', () => {
    const key = 'cd'.repeat(32)
    const header = sign(key, parts)
    expect(signatureMatches(key, parts, header)).toBe(true)
    for (const changed of [{ path: '/v1/heartbeat' }, { timestamp: 1764122401 }, { deviceId: 'e' }, { body: '{"a":2}' }]) {
      expect(signatureMatches(key, { ...parts, ...changed }, header)).toBe(false)
    }
    expect(signatureMatches('ef'.repeat(32), parts, header)).toBe(false)
    expect(signatureMatches(key, parts, `${header}0`)).toBe(false)
  })

  it('a batch id is a UUID fixed by its ratings, and a head proof depends on the key', () => {
    const id = batchIdFor('dev', ['a', 'b'])
    expect(z.uuid().safeParse(id).success).toBe(true)
    expect(batchIdFor('dev', ['a', 'b'])).toBe(id)
    expect(batchIdFor('dev', ['a'])).not.toBe(id)
    expect(headProof('ab'.repeat(32), 3, '0'.repeat(64))).not.toBe(headProof('ac'.repeat(32), 3, '0'.repeat(64)))
  })
})

describe('backoff', () => {
  it('full jitter under a ceiling that doubles from 2 s up to 5 min', () => {
    expect([1, 2, 3, 8, 9, 50].map(backoffCeiling)).toEqual([2000, 4000, 8000, 256_000, 300_000, 300_000])
    expect(backoffDelay(3, () => 0)).toBe(0)
    expect(backoffDelay(3, () => 0.999999)).toBe(7999)
  })

  it('Retry-After as seconds or an HTTP-date, capped at an hour; garbage ignored', () => {
    const now = Date.UTC(2026, 0, 1)
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000)
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter('999999', now)).toBe(3600_000)
    expect(parseRetryAfter('soon', now)).toBe(null)
    expect(parseRetryAfter(null, now)).toBe(null)
  })
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { PROTOCOL_DOC, vectorBlock, vectorSpan } from '../../scripts/protocol-files'

/**
 * The worked example in PROTOCOL.md ("Test vector") must be what the kiosk's code computes. This test only
 * compares; the block is rewritten by a person with scripts/write-protocol-files.ts. Its values do not decide
 * whether the code is right — protocol-independent.test.ts checks the code against outside computations.
 */
describe('PROTOCOL.md test vector', () => {
  it('matches what the code computes', () => {
    const text = fs.readFileSync(PROTOCOL_DOC, 'utf8')
    const span = vectorSpan(text)
    expect(span).not.toBe(null)
    expect(text.slice(span?.begin, span?.end)).toBe(vectorBlock())
  })

  it('canonical JSON escapes exactly as JSON.stringify: control characters, quote and backslash; not non-ASCII', () => {
    expect(canonicalJson({ b: 1, a: 'é"\\\b\f\n\r\t\u0001\u001f\u007f€' })).toBe(
      '{"a":"é\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f€","b":1}',
    )
    expect(canonicalJson({ Z: null, a: [2, 1], B: true })).toBe('{"B":true,"Z":null,"a":[2,1]}')
    expect(() => canonicalJson({ a: 1.5 })).toThrow()
    expect(crypto.createHash('sha256').update(canonicalJson({ a: 'ả' })).digest('hex')).toBe(
      crypto.createHash('sha256').update(Buffer.from('{"a":"ả"}', 'utf8')).digest('hex'),
    )
  })
})

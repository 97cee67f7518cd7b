import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../shared/protocol/canonical-json'
import { computeLink, extend, genesisHead, nextKey } from '../../shared/protocol/chain'
import { batchIdFor, deriveDeviceKeys, headProof, sha256Hex, sign, stringToSign } from '../../shared/protocol/signing'

/**
 * The protocol code checked against things it cannot influence: an independent RFC 8785 implementation (the npm
 * package `canonicalize`) and vectors computed outside this repository's code. The kiosk and the collector share
 * shared/protocol, so a regression there would pass every kiosk ↔ collector test; these tests would not.
 */

/** Strings the protocol carries: Vietnamese (precomposed and decomposed), emoji, control characters, anything. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('ạ', 'ườ', 'Đ', 'ữ', 'e\u0301', '😟', '\u0000', '\u001f', '\u007f', '"', '\\', '/', '\u2028') }),
)
const scalar = fc.oneof(text, fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 }), fc.boolean(), fc.constant(null))
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 5 }),
  object: fc.dictionary(text, tie('node'), { maxKeys: 6 }),
})).node

describe('canonical JSON against RFC 8785 (the canonicalize package)', () => {
  it('equals canonicalize(value) byte for byte for every value the protocol can carry', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(Buffer.from(canonicalJson(v), 'utf8')).toEqual(Buffer.from(canonicalize(v) ?? '', 'utf8'))
      }),
      { numRuns: 2000 },
    )
  })

  it('sorts keys by UTF-16 code units, so a key beyond the BMP sorts before U+FB01 (not by code point)', () => {
    // U+1F600 is the surrogate pair D83D DE00; U+FB01 is one unit FB01. By code point 😀 > ﬁ, by UTF-16 unit it is
    // smaller: RFC 8785 §3.2.3 wants the UTF-16 order.
    const v = { '\uFB01': 1, '😀': 2, a: 3 }
    expect(canonicalJson(v)).toBe('{"a":3,"😀":2,"ﬁ":1}')
    expect(canonicalJson(v)).toBe(canonicalize(v))
  })
})

/**
 * Computed once with OpenSSL, not with this code (bash, OpenSSL 3):
 *
 *   hmac() { openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -r | cut -d' ' -f1; }
 *   printf '%s' 'kiosk-sign-v1' | hmac 000102…1f                                      → signKey
 *   printf '%s' "$BODY" | openssl dgst -sha256 -r                                      → body hash
 *   printf 'KIOSK-HMAC-SHA256\nPOST\n/v1/ping\n1764122405\n<deviceId>\n%s' "$HASH" | hmac $SIGNKEY → signature
 *   printf '%s|1|%s' 000…0 "$C1" | hmac 2021…3f                                       → link_1
 *   printf '%s' 2021…3f | xxd -r -p | openssl dgst -sha256 -r                          → key_2 (likewise key_3)
 *   printf '%s|2|%s' $LINK1 "$C2" | hmac $KEY2                                         → link_2
 *   printf 'kiosk-head-v1|2|%s' $LINK2 | hmac $KEY3                                    → head proof at seq 2
 *   printf 'kiosk-batch-v1|<deviceId>|<uuid1>,<uuid2>' | openssl dgst -sha256 -r       → batch hash; the batchId
 *     is its first 16 bytes with byte 6 = (b & 0x0f) | 0x80 and byte 8 = (b & 0x3f) | 0x80, set by hand
 *
 * Change one of these literals only with a new outside computation, never by copying what the code prints.
 */
const SECRET = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex')
const KEY_1 = '202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f'
const DEVICE = '0b6f3f0e-5a55-4c1e-9d3a-2f8e4c7b9a10'
const OUTSIDE = {
  signKey: 'ba691b91ff9863beafa0d87ab397eaab5e918d3906e50ac098a4e42f58adc7a6',
  bodyHash: '5a4f6fcfcc44429c0c0c82a65de5020e37b9b85dd2b8ad45b0a2f490a5008f27',
  signature: 'v1=3b68b91a09bfc27109a8bbefa49bef2ba9485223f1ea7b9f61261375b39c53b1',
  link1: 'cdc3de3999ea17e6bdf0a828d6695d16f74e2ceaca0a95874d212f514832d172',
  key2: '72dbb7336c76780023f83da4c355f2eeea85733b13d3477697917790c1229084',
  link2: '49ebc82caf87309c90dc7c74f8030628eccaa13985d5a1d4b77e5ecfa1e4889c',
  key3: '4408d6caade48539de89d98f915de91ff83140420bc5f5708a7f59a3114bcc5d',
  proof2: 'fa6b7f9104ed1869ebfd3c52a41e6d0b9f9463415e13620da9a0ceba0a905084',
  batchId: '5b2c91c2-ac58-817b-a2bf-6a814a4dd59f',
}

describe('signing and chain against vectors computed with OpenSSL', () => {
  it('derives the signing key and signs a request as OpenSSL does', () => {
    const { signKey } = deriveDeviceKeys(SECRET)
    expect(signKey).toBe(OUTSIDE.signKey)
    const body = `{"deviceId":"${DEVICE}"}`
    expect(sha256Hex(body)).toBe(OUTSIDE.bodyHash)
    const parts = { method: 'post', path: '/v1/ping', timestamp: 1764122405, deviceId: DEVICE, body }
    expect(stringToSign(parts)).toBe(`KIOSK-HMAC-SHA256\nPOST\n/v1/ping\n1764122405\n${DEVICE}\n${OUTSIDE.bodyHash}`)
    expect(sign(signKey, parts)).toBe(OUTSIDE.signature)
  })

  it('links two records, evolves the key and proves the head as OpenSSL does', () => {
    // The canonical texts are written out by hand; the first holds a newline (escaped) and an emoji.
    const c1 = '{"comment":"Chờ lâu 😟\\n","officerName":"Hoàng Thị Ngọc Ánh","seq":1}'
    const c2 = '{"comment":"","officerName":"Đặng Văn Ước","seq":2}'
    expect(canonicalJson({ seq: 1, officerName: 'Hoàng Thị Ngọc Ánh', comment: 'Chờ lâu 😟\n' })).toBe(c1)
    expect(canonicalJson({ seq: 2, officerName: 'Đặng Văn Ước', comment: '' })).toBe(c2)
    const first = extend(genesisHead(KEY_1), c1)
    expect(first.link).toBe(OUTSIDE.link1)
    expect(first.head.key).toBe(OUTSIDE.key2)
    const second = extend(first.head, c2)
    expect(second.link).toBe(OUTSIDE.link2)
    expect(second.head).toEqual({ seq: 2, link: OUTSIDE.link2, key: OUTSIDE.key3 })
    expect(computeLink(OUTSIDE.key2, OUTSIDE.link1, 2, c2)).toBe(OUTSIDE.link2)
    expect(nextKey(OUTSIDE.key2)).toBe(OUTSIDE.key3)
    expect(headProof(OUTSIDE.key3, 2, OUTSIDE.link2)).toBe(OUTSIDE.proof2)
  })

  it('derives the batch id as computed by hand', () => {
    const uuids = ['6d2c5e1a-8f3b-4c2d-9e7a-1b2c3d4e5f60', '7e3d6f2b-9a4c-4d3e-8f8b-2c3d4e5f6071']
    expect(batchIdFor(DEVICE, uuids)).toBe(OUTSIDE.batchId)
  })
})

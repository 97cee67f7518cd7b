import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { storePhoto } from '../../electron/core/admin/photos'
import { tempDir } from '../helpers/temp-dir'

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A real, decodable grey PNG of the given size (8-bit greyscale, every row unfiltered). */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8)
  const rows = Buffer.alloc((width + 1) * height, 0x80)
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function segment(marker: number, data: number[]): number[] {
  return [0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data]
}

/**
 * A one-component JPEG laid out as an encoder writes it: JFIF, quantisation table, frame header (SOF0 baseline or
 * SOF2 progressive), Huffman table, scan, end. The entropy data is a stub; only the header walk is under test.
 */
function jpeg(width: number, height: number, frame = 0xc0): Buffer {
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]),
    ...segment(frame, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0, 0, 1, ...Array<number>(15).fill(0), 0]),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x00, 0xff, 0xd9,
  ])
}

const store = (dir: string, type: 'image/jpeg' | 'image/png', body: Buffer) => () => storePhoto(dir, 1, type, body.toString('base64'))

describe('officer photos', () => {
  it('stores real PNGs and JPEGs up to 1200×1200 px', () => {
    const dir = tempDir()
    for (const [type, body] of [
      ['image/png', fs.readFileSync(path.join(__dirname, 'officer.png'))],
      ['image/png', png(1200, 1200)],
      ['image/jpeg', jpeg(600, 450)],
      ['image/jpeg', jpeg(1200, 1200, 0xc2)],
    ] as const) {
      expect(store(dir, type, body)()).toMatch(/^media\/photos\/officer-1-[0-9a-f]+\.(png|jpg)$/)
    }
    expect(fs.readdirSync(dir)).toHaveLength(4)
  })

  it('refuses a picture larger than 1200×1200 px, naming its size', () => {
    const dir = tempDir()
    expect(store(dir, 'image/png', png(1201, 1))).toThrow('Ảnh quá lớn: 1201×1 điểm ảnh, tối đa 1200×1200')
    expect(store(dir, 'image/png', png(2, 1201))).toThrow('Ảnh quá lớn: 2×1201')
    expect(store(dir, 'image/jpeg', jpeg(1600, 1200))).toThrow('Ảnh quá lớn: 1600×1200')
    expect(store(dir, 'image/jpeg', jpeg(800, 4000, 0xc2))).toThrow('Ảnh quá lớn: 800×4000')
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([])
  })

  it('refuses bytes whose header cannot be read, even behind the right magic bytes', () => {
    const dir = tempDir()
    const small = png(4, 4)
    const html = Buffer.from('<html><body><script>alert(1)</script></body></html>'.repeat(4))
    const forgedSize = Buffer.from(small)
    forgedSize.writeUInt32BE(4000, 16) // a width the IHDR checksum does not cover
    const unreadable: ['image/jpeg' | 'image/png', Buffer][] = [
      ['image/png', Buffer.concat([small.subarray(0, 8), html])],
      ['image/png', forgedSize],
      ['image/png', small.subarray(0, 30)],
      ['image/png', png(0, 4)],
      ['image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), html])],
      ['image/jpeg', jpeg(600, 450).subarray(0, 60)], // cut before the frame header ends
      ['image/jpeg', jpeg(600, 450, 0xc3)], // lossless: a coding browsers do not show
      ['image/jpeg', small],
    ]
    for (const [type, body] of unreadable) expect(store(dir, type, body)).toThrow(/^Ảnh không đọc được/)
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([])
  })

  it('keeps the 1 MB limit', () => {
    const big = Buffer.concat([png(10, 10), Buffer.alloc(1024 * 1024)])
    expect(store(tempDir(), 'image/png', big)).toThrow('Ảnh trống hoặc lớn hơn 1 MB')
  })
})

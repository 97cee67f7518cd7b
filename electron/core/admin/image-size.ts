import zlib from 'node:zlib'

export interface ImageSize {
  width: number
  height: number
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * A PNG's size from its IHDR, which the format requires as the very first chunk. The chunk's CRC is checked too:
 * eight magic bytes followed by anything else (an HTML page, a script) must not pass for an image.
 */
function pngSize(body: Buffer): ImageSize | null {
  if (body.length < 33 || !body.subarray(0, 8).equals(PNG_SIGNATURE)) return null
  if (body.readUInt32BE(8) !== 13 || body.toString('latin1', 12, 16) !== 'IHDR') return null
  if (zlib.crc32(body.subarray(12, 29)) !== body.readUInt32BE(29)) return null
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) }
}

/** Start-of-frame markers of the JPEGs browsers decode: baseline, extended sequential, progressive (Huffman). */
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2])
/** C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning) share the C0–CF range but are not frames. */
const isFrameMarker = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

/**
 * A JPEG's size from its frame header. Segments are walked from the start (SOI) by their lengths until the frame
 * header; scan data or the end before a frame, an unsupported coding or a segment running past the end means the
 * header cannot be trusted.
 */
function jpegSize(body: Buffer): ImageSize | null {
  if (body.length < 4 || body.readUInt16BE(0) !== 0xffd8) return null
  let at = 2
  while (at + 4 <= body.length) {
    if (body.readUInt8(at) !== 0xff) return null
    const marker = body.readUInt8(at + 1)
    if (marker === 0xff) {
      at += 1 // a fill byte before the marker
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2 // TEM and RSTn carry no length
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return null // end of image, or scan data, before any frame
    const length = body.readUInt16BE(at + 2)
    if (length < 2 || at + 2 + length > body.length) return null
    if (isFrameMarker(marker)) {
      // Frame header: length, precision (1 byte), height, width.
      return JPEG_FRAMES.has(marker) && length >= 8 ? { width: body.readUInt16BE(at + 7), height: body.readUInt16BE(at + 5) } : null
    }
    at += 2 + length
  }
  return null
}

/** The pixel size written in the header of a JPEG or PNG, or null when the header is missing or malformed. */
export function imageSize(body: Buffer, type: 'image/jpeg' | 'image/png'): ImageSize | null {
  const size = type === 'image/png' ? pngSize(body) : jpegSize(body)
  // Zero is legal nowhere (a JPEG's "height 0" defers it to a later DNL marker, which browsers hardly support).
  return size !== null && size.width > 0 && size.height > 0 ? size : null
}

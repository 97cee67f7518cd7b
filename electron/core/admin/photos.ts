import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../errors'
import { imageSize } from './image-size'

const EXTENSIONS: Record<'image/jpeg' | 'image/png', string> = { 'image/jpeg': 'jpg', 'image/png': 'png' }
const MAX_BYTES = 1024 * 1024
/** The renderer sends at most 600 px a side; a larger picture did not come from it and only costs memory to show. */
export const MAX_PHOTO_SIDE = 1200

/**
 * Writes an officer photo under `<dataDir>/photos` with a fresh random name (never overwriting one a past rating
 * screen may still show) and answers its media path, which `readMedia` serves as `media/photos/<file>`.
 * The bytes must really be the declared image type, with a readable header of a sane size: the renderer resized
 * it, but core trusts no input, and the rating screen decodes whatever is stored.
 */
export function storePhoto(photosDir: string, officerId: number, type: 'image/jpeg' | 'image/png', base64: string): string {
  const body = Buffer.from(base64, 'base64')
  if (body.length === 0 || body.length > MAX_BYTES) throw new AppError('BAD_INPUT', 'Ảnh trống hoặc lớn hơn 1 MB')
  const size = imageSize(body, type)
  if (size === null) throw new AppError('BAD_INPUT', `Ảnh không đọc được: không phải tệp ${type === 'image/png' ? 'PNG' : 'JPEG'} hợp lệ`)
  if (size.width > MAX_PHOTO_SIDE || size.height > MAX_PHOTO_SIDE) {
    throw new AppError('BAD_INPUT', `Ảnh quá lớn: ${size.width}×${size.height} điểm ảnh, tối đa ${MAX_PHOTO_SIDE}×${MAX_PHOTO_SIDE}`)
  }
  fs.mkdirSync(photosDir, { recursive: true })
  const name = `officer-${officerId}-${crypto.randomBytes(6).toString('hex')}.${EXTENSIONS[type]}`
  fs.writeFileSync(path.join(photosDir, name), body, { flag: 'wx' })
  return `media/photos/${name}`
}

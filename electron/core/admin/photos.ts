import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../errors'

const SIGNATURES: Record<'image/jpeg' | 'image/png', { bytes: number[]; ext: string }> = {
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
}
const MAX_BYTES = 1024 * 1024

/**
 * Writes an officer photo under `<dataDir>/photos` with a fresh random name (never overwriting one a past rating
 * screen may still show) and answers its media path, which `readMedia` serves as `media/photos/<file>`.
 * The bytes must really be the declared image type: the renderer resized it, but core trusts no input.
 */
export function storePhoto(photosDir: string, officerId: number, type: 'image/jpeg' | 'image/png', base64: string): string {
  const body = Buffer.from(base64, 'base64')
  const signature = SIGNATURES[type]
  if (body.length === 0 || body.length > MAX_BYTES) throw new AppError('BAD_INPUT', 'photo: empty or too large')
  if (!signature.bytes.every((b, i) => body[i] === b)) throw new AppError('BAD_INPUT', 'photo: not a JPEG or PNG')
  fs.mkdirSync(photosDir, { recursive: true })
  const name = `officer-${officerId}-${crypto.randomBytes(6).toString('hex')}.${signature.ext}`
  fs.writeFileSync(path.join(photosDir, name), body, { flag: 'wx' })
  return `media/photos/${name}`
}

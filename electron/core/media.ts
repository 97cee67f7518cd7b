import fs from 'node:fs'
import path from 'node:path'
import { MediaPathSchema } from '../../shared/schemas/common'

export interface MediaRoots {
  /** Read-only files shipped with the app (`resources/seed`). */
  seed: string
  /** Photos IT uploads, under the data dir. */
  photos: string
  /** Voice clips for queue calls (`resources/voice`), replaceable by a centre's own recordings. */
  voice: string
}

export interface MediaFile {
  contentType: string
  body: Buffer
}

const contentTypes: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
}

/** The type a media path is served as, or undefined for a type never served (a LAN client checks the hub's too). */
export function mediaContentType(mediaPath: string): string | undefined {
  return contentTypes[path.extname(mediaPath).toLowerCase()]
}

/**
 * Resolves a renderer-visible `media/<root>/<file>` path to a file, or null. The path is validated by the shared
 * schema and must stay inside its root; only image types (and audio clips) are served.
 */
export function readMedia(roots: MediaRoots, mediaPath: string): MediaFile | null {
  const parsed = MediaPathSchema.safeParse(mediaPath)
  if (!parsed.success) return null
  const [, rootName, ...rest] = parsed.data.split('/')
  const root =
    rootName === 'seed' ? roots.seed : rootName === 'photos' ? roots.photos : rootName === 'voice' ? roots.voice : null
  if (root === null || rest.length === 0) return null
  const file = path.resolve(root, ...rest)
  const relative = path.relative(root, file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null
  const contentType = mediaContentType(file)
  if (contentType === undefined) return null
  try {
    return { contentType, body: fs.readFileSync(file) }
  } catch {
    return null
  }
}

import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import type { UpdateChannel } from '../../shared/schemas/updates'
import { channelFiles } from './update-mirror'

/** The file names an electron-builder feed has: latest.yml, latest-linux.yml, beta.yml, Kiosk-Setup-1.2.3.exe, … */
const FEED_FILE = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/

/**
 * The hub's mirror of the update feed, for its own paired clients (the caller has checked the device credential):
 * files of `<dataDir>/updates` only, by plain name — no folders, no dot-files, no way out of the folder — and of
 * the channel files only those of the hub's own `channel`: a release of the other channel the folder still holds
 * (IT tried beta earlier) is never offered to a client. Returns false when there is no such file, for the 404.
 */
export function serveUpdateFile(dir: string, name: string, channel: UpdateChannel, res: http.ServerResponse): boolean {
  // A `.partial` file is a download the mirror has not checked yet (update-mirror.ts).
  if (!FEED_FILE.test(name) || name.includes('..') || name.endsWith('.partial')) return false
  if (name.endsWith('.yml') && !channelFiles(channel).includes(name)) return false
  const file = path.join(dir, name)
  // The mirror writes plain files only: a link here (left by hand, or planted) could point anywhere — the
  // device secrets next door included — so it is not followed. lstat says so on every OS; O_NOFOLLOW (POSIX)
  // also closes the gap between that check and the open, and fstat checks what was really opened.
  let fd: number
  try {
    if (!fs.lstatSync(file).isFile()) return false
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0))
  } catch {
    return false
  }
  const stat = fs.fstatSync(fd)
  if (!stat.isFile()) {
    fs.closeSync(fd)
    return false
  }
  res.writeHead(200, {
    'content-type': name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
    'content-length': String(stat.size),
    // The channel file changes with each release; installers never do (their name carries the version).
    'cache-control': name.endsWith('.yml') ? 'no-store' : 'private, max-age=86400',
  })
  fs.createReadStream(file, { fd }).pipe(res)
  return true
}

import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'

/** The file names an electron-builder feed has: latest.yml, latest-linux.yml, beta.yml, Kiosk-Setup-1.2.3.exe, … */
const FEED_FILE = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/

/**
 * The hub's mirror of the update feed, for its own paired clients (the caller has checked the device credential):
 * files of `<dataDir>/updates` only, by plain name — no folders, no dot-files, no way out of the folder.
 * Returns false when there is no such file, for the caller's 404.
 */
export function serveUpdateFile(dir: string, name: string, res: http.ServerResponse): boolean {
  // A `.partial` file is a download the mirror has not checked yet (update-mirror.ts).
  if (!FEED_FILE.test(name) || name.includes('..') || name.endsWith('.partial')) return false
  const file = path.join(dir, name)
  let size: number
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile()) return false
    size = stat.size
  } catch {
    return false
  }
  res.writeHead(200, {
    'content-type': name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
    'content-length': String(size),
    // The channel file changes with each release; installers never do (their name carries the version).
    'cache-control': name.endsWith('.yml') ? 'no-store' : 'private, max-age=86400',
  })
  fs.createReadStream(file).pipe(res)
  return true
}

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { mirrorFeed } from '../../electron/lan/update-mirror'
import { tempDir } from '../helpers/temp-dir'

/**
 * The hub's event loop carries every client's heartbeat: a client that hears nothing for 2.5 s shows "Mất kết
 * nối", and the hub beats every 2 s, so anything holding the loop for more than about half a second makes screens
 * flap. The update mirror re-checks each installer it holds (a hundred megabytes or more) every round.
 */
describe('probe: the hub’s update mirror and its event loop', () => {
  it('checking an installer it already holds leaves the loop turning (the file is hashed in pieces)', async () => {
    const dir = tempDir()
    const installer = crypto.randomBytes(16 * 1024 * 1024)
    fs.writeFileSync(path.join(dir, 'Kiosk-Setup-1.2.0.exe'), installer)
    const sha512 = crypto.createHash('sha512').update(installer).digest('base64')
    const channel = ['version: 1.2.0', 'files:', '  - url: Kiosk-Setup-1.2.0.exe', `    sha512: ${sha512}`, ''].join('\n')
    // The feed: the channel file only; the installer is already here, so nothing is downloaded.
    const feed = (async (url: URL | string) =>
      String(url).endsWith('/latest.yml') ? new Response(channel) : new Response('', { status: 404 })) as typeof fetch
    let turns = 0
    let turning = true
    const turn = () => {
      turns += 1
      if (turning) setImmediate(turn)
    }
    setImmediate(turn)
    const mirrored = await mirrorFeed({ feedUrl: 'https://feed.example/kiosk/', channel: 'latest', dir, fetch: feed })
    turning = false
    expect(mirrored).toEqual(['latest.yml 1.2.0'])
    // Read in one piece, 16 MB is hashed within a single turn of the loop; in 64 KiB pieces it takes hundreds.
    expect(turns).toBeGreaterThan(100)
  })
})

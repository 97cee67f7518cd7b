import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { exactPin, PinnedAgent, pinnedRequest } from '../../electron/lan/pinned-client'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from './helpers'
import { pairClient, startHub } from './lan-fixture'

/**
 * What else could sit in the hub's updates folder: the mirror only ever writes plain files there, so anything
 * that is not one (a link left by hand, or planted by another account) is not the mirror's and is never served.
 */
describe('the update mirror serves only its own plain files', () => {
  it('a symbolic link in the updates folder is not followed, whatever its name', async () => {
    const updatesDir = tempDir()
    const outside = path.join(tempDir(), 'device.key')
    fs.writeFileSync(outside, 'SECRET-OUTSIDE-THE-FEED')
    fs.symlinkSync(outside, path.join(updatesDir, 'Kiosk-Mot-cua-Setup-9.9.9.exe'))
    fs.symlinkSync(outside, path.join(updatesDir, 'latest.yml'))
    const { core, hub, identity } = await startHub({ updatesDir })
    const agent = new PinnedAgent(exactPin(identity.spki))
    onCleanup(() => agent.destroy())
    const { bearer } = await pairClient(core, { role: 'lobby', counterId: null })
    for (const name of ['Kiosk-Mot-cua-Setup-9.9.9.exe', 'latest.yml']) {
      const answer = await pinnedRequest(
        agent,
        { host: '127.0.0.1', port: hub.port },
        { method: 'GET', path: `/v1/updates/${name}`, headers: { authorization: bearer() } },
      )
      expect(answer.body.toString('utf8'), name).not.toContain('SECRET-OUTSIDE-THE-FEED')
      expect(answer.status, name).toBe(404)
    }
  })
})

import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { createRemoteCore } from '../../electron/lan/remote-core'
import { exactPin, PinnedAgent, pinnedStream } from '../../electron/lan/pinned-client'
import { VERSION_HEADER } from '../../electron/lan/wire'
import { call } from '../auth/helpers'
import { fixedClock } from '../helpers/core'
import { onCleanup } from './helpers'
import { linkState, pairClient, quiet, startHub, until } from './lan-fixture'

/**
 * The hub's device list shows each PC's app version (issue 13: IT sees which counter PCs took an update). A client
 * updates itself after pairing, so it says its version on every connection, not only once at pairing.
 */
describe('each client’s app version on the hub’s device list', () => {
  it('follows the client after it updated itself, audited once per change', async () => {
    const { core } = await startHub()
    const first = await pairClient(core, { role: 'board', counterId: null })
    const listed = async () => (await call(core, 'devices:list', {})).map((d) => d.appVersion)
    expect(await listed()).toEqual(['0.1.0'])
    first.client.close()

    // The same PC after its updater installed 0.2.0 and restarted the app: same link, same credential.
    for (let start = 0; start < 2; start++) {
      const again = createRemoteCore({
        dataDir: first.dataDir,
        secrets: fileSecretStore(`${first.dataDir}/secrets`),
        clock: fixedClock(),
        appVersion: '0.2.0',
        name: 'Kiosk sảnh 2',
        log: quiet,
      })
      onCleanup(() => again.close())
      await until(() => linkState(again).then((s) => s === 'online'), 'updated client online')
      again.close()
    }
    expect(await listed()).toEqual(['0.2.0'])
    const db = new Database(core.dbFile, { readonly: true })
    try {
      const rows = db.prepare("SELECT detail FROM audit_log WHERE action = 'device.version'").pluck().all() as string[]
      expect(rows.map((r) => JSON.parse(r) as unknown)).toEqual([{ from: '0.1.0', to: '0.2.0' }])
    } finally {
      db.close()
    }
  })

  it('a version header that is not a version changes nothing, and the stream still opens', async () => {
    const { core, hub, identity } = await startHub()
    const { bearer, client } = await pairClient(core, { role: 'lobby', counterId: null })
    client.close()
    const agent = new PinnedAgent(exactPin(identity.spki))
    onCleanup(() => agent.destroy())
    for (const bad of ['', '9'.repeat(41)]) {
      const { req, response } = pinnedStream(agent, { host: '127.0.0.1', port: hub.port }, '/v1/events', {
        authorization: bearer(),
        [VERSION_HEADER]: bad,
      })
      const res = await response
      expect(res.statusCode).toBe(200)
      req.destroy()
    }
    expect((await call(core, 'devices:list', {})).map((d) => d.appVersion)).toEqual(['0.1.0'])
  })
})

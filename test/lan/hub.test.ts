import { describe, expect, it } from 'vitest'
import type { LocalCore } from '../../electron/core/core'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { exactPin, PinnedAgent, pinnedRequest, pinnedStream } from '../../electron/lan/pinned-client'
import { readLink } from '../../electron/lan/link-store'
import { call } from '../auth/helpers'
import { TEST_CLIENT } from '../helpers/core'
import { onCleanup } from './helpers'
import { count as countIn, pairClient, startHub, unpairedClient, until } from './lan-fixture'

function count(core: LocalCore, sql: string): unknown {
  return countIn(core.dbFile, sql)
}

describe('hub server and remote core', () => {
  it('a paired lobby client takes a number on the hub, and hears the board change', async () => {
    const { core } = await startHub()
    const { client } = await pairClient(core)
    const heard: string[] = []
    client.subscribe((event) => heard.push(event))
    const taken = await client.invoke('queue:take', { fieldId: 1, priorityGroup: null }, { clientId: 'web:page-1' })
    expect(taken).toMatchObject({ ok: true })
    expect(count(core, 'SELECT count(*) FROM tickets')).toBe(1)
    await until(() => heard.includes('queue:changed'), 'queue:changed from the hub')
    // The hub's own link calls say it holds the database; the client's say paired and online.
    expect(await core.invoke('link:status', {}, TEST_CLIENT)).toEqual({ ok: true, value: { mode: 'local' } })
  })

  it('the pairing code is one-time, and an unpaired client is refused politely', async () => {
    const { core } = await startHub()
    const { ticket } = await pairClient(core)
    const { client: second, dataDir } = unpairedClient('Kẻ thứ hai')
    expect(await second.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } })
    expect(await second.invoke('link:pair', { code: ticket.qrText }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(readLink(dataDir)).toBeNull()
  })

  it('revoking a device closes its event stream at once and refuses its next call', async () => {
    const { core, hub } = await startHub()
    const { client, dataDir } = await pairClient(core)
    expect(hub.streamCount()).toBe(1)
    const deviceId = readLink(dataDir)?.deviceId ?? ''
    await call(core, 'devices:revoke', { id: deviceId })
    expect(hub.streamCount()).toBe(0)
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Its screen says revoked, not merely offline, and it may be paired again with a new code (as a new device).
    await until(async () => {
      const s = await client.invoke('link:status', {}, TEST_CLIENT)
      return s.ok && (s.value as { state?: string }).state === 'revoked'
    }, 'client sees it was revoked')
    const again = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
    expect(await client.invoke('link:pair', { code: again.qrText }, TEST_CLIENT)).toMatchObject({ ok: true, value: { role: 'board' } })
    expect(readLink(dataDir)?.deviceId).not.toBe(deviceId)
  })

  it('refuses calls without a credential, link calls from a device and IT calls from a non-admin device', async () => {
    const { core, hub, identity } = await startHub()
    const { client, dataDir } = await pairClient(core, { role: 'board', counterId: null })
    const agent = new PinnedAgent(exactPin(identity.spki))
    onCleanup(() => agent.destroy())
    const to = { host: '127.0.0.1', port: hub.port }
    const post = (path: string, headers: Record<string, string> = {}, body = '{}') =>
      pinnedRequest(agent, to, { method: 'POST', path, headers, body })
    expect((await post('/v1/call/queue:board')).status).toBe(401)
    expect((await post('/v1/call/queue:board', { authorization: 'Bearer nope' })).status).toBe(401)
    expect(await client.invoke('devices:list', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const link = readLink(dataDir)
    const secret = fileSecretStore(`${dataDir}/secrets`).getOrCreate(link?.credentialName ?? 'x', 32)
    const auth = { authorization: `Bearer ${link?.deviceId}.${secret.toString('base64url')}` }
    // The access table keeps link calls on the client PC and IT calls on an admin client: refused in dispatch.
    expect(JSON.parse((await post('/v1/call/link:pair', auth, '{"code":"x"}')).body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(JSON.parse((await post('/v1/call/devices:list', auth)).body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await post('/v1/call/queue:board', auth, 'x'.repeat(1024 * 1024 + 1))).status).toBe(413)
    expect((await pinnedRequest(agent, to, { method: 'GET', path: '/v1/call/queue:board', headers: auth })).status).toBe(405)
    expect((await post('/v1/call/queue:board', auth)).status).toBe(200)
  })

  it("never pushes IT's system log to a paired PC: a board or lobby screen hears the queue, not the errors", async () => {
    const { core, publish } = await startHub()
    const { client } = await pairClient(core, { role: 'board', counterId: null })
    const heard: string[] = []
    client.subscribe((event, payload) => heard.push(`${event} ${JSON.stringify(payload)}`))
    publish('system:event', { id: 1, at: 0, kind: 'renderer.error', detail: 'at secret (C:/kiosk/app.js:1)' })
    // Pushed after the log entry on the same stream: once it is heard, the entry would have been heard before it.
    await core.invoke('queue:take', { fieldId: 1, priorityGroup: null }, TEST_CLIENT)
    await until(() => heard.some((h) => h.startsWith('queue:changed')), 'the board hears the queue')
    expect(heard.filter((h) => h.includes('system:event') || h.includes('secret'))).toEqual([])
  })

  it('drops a client that never reads its event stream, and keeps serving the others', async () => {
    const { core, hub, identity, publish } = await startHub({ maxStreamBufferBytes: 256 * 1024 })
    const reader = await pairClient(core)
    const stuck = await pairClient(core, { role: 'board', counterId: null })
    const link = readLink(stuck.dataDir)
    const secret = fileSecretStore(`${stuck.dataDir}/secrets`).getOrCreate(link?.credentialName ?? 'x', 32)
    stuck.client.close() // its own stream goes; a raw one that never reads takes its place
    const agent = new PinnedAgent(exactPin(identity.spki))
    onCleanup(() => agent.destroy())
    const { req, response } = pinnedStream(agent, { host: '127.0.0.1', port: hub.port }, '/v1/events', {
      authorization: `Bearer ${link?.deviceId}.${secret.toString('base64url')}`,
    })
    onCleanup(() => void req.destroy())
    const res = await response
    res.pause() // never reads again
    await until(() => hub.streamCount() === 2, 'both streams open')
    let heard = 0
    reader.client.subscribe((event) => void (event === 'queue:changed' && (heard += 1)))
    // 64 KB frames until the stuck stream's socket and buffer fill up (at most 64 MB: the kernel's buffers first).
    const big = { filler: 'x'.repeat(64 * 1024) }
    for (let i = 0; i < 1000 && hub.droppedStreams() === 0; i++) {
      publish('sync:status', big) // any event pushed to paired PCs (IT's system log is not)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(hub.droppedStreams()).toBe(1)
    await until(() => hub.streamCount() === 1, 'the stuck stream gone')
    await core.invoke('queue:take', { fieldId: 1, priorityGroup: null }, TEST_CLIENT)
    await until(() => heard > 0, 'the reading client still hears the board')
  })
})

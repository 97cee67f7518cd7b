import path from 'node:path'
import tls from 'node:tls'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { exactPin, PinnedAgent, pinnedRequest } from '../../electron/lan/pinned-client'
import { readLink } from '../../electron/lan/link-store'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, resourcesDir, TEST_CLIENT } from '../helpers/core'
import { staffInvoke } from '../helpers/counter-staff'
import { demoIds } from '../queue/helpers'
import { onCleanup, recordingTlsServer, testIdentity } from './helpers'
import { count, pairClient, quiet, startHub, unpairedClient, until } from './lan-fixture'

describe('probing the hub: devices and their credentials', () => {
  it('the stream re-check keeps the device’s address (it used to write an empty one every heartbeat)', async () => {
    const { core } = await startHub()
    await pairClient(core)
    // Several heartbeats (200 ms each) pass with only the stream open.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(count(core.dbFile, 'SELECT address FROM devices')).toBe('127.0.0.1')
    await loginAdmin(core)
    expect(await call(core, 'devices:list', {})).toEqual([expect.objectContaining({ address: '127.0.0.1', online: true })])
  })

  it('a device revoked by another process on the same database: next call refused at once, stream closed', async () => {
    const { core, hub } = await startHub()
    const { client, dataDir } = await pairClient(core)
    const other = createCore({
      dataDir: path.dirname(core.dbFile),
      resourcesDir,
      shell: 'web',
      appVersion: 'other',
      clock: fixedClock(),
      pinCost: cheapCost,
      log: quiet,
    })
    onCleanup(() => other.close())
    await loginAdmin(other)
    await call(other, 'devices:revoke', { id: readLink(dataDir)?.deviceId ?? '' })
    expect(await client.invoke('queue:board', {}, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await until(() => hub.streamCount() === 0, 'the revoked device’s stream closed', 300)
  })

  it('two clients redeeming the same code at once: exactly one is paired', async () => {
    const { core } = await startHub()
    await loginAdmin(core)
    const ticket = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
    const [a, b] = [unpairedClient('TV 1'), unpairedClient('TV 2')]
    const results = await Promise.all([a, b].map(({ client }) => client.invoke('link:pair', { code: ticket.qrText }, TEST_CLIENT)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'FORBIDDEN' }) })])
    expect(count(core.dbFile, 'SELECT count(*) FROM devices')).toBe(1)
    expect([readLink(a.dataDir), readLink(b.dataDir)].filter((l) => l !== null)).toHaveLength(1)
  })

  it('an expired code is refused over the network; a typed short code pairs and then pins the full key', async () => {
    const clock = fixedClock()
    const { core, identity } = await startHub({ clock })
    await loginAdmin(core)
    const late = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
    clock.advance(10 * 60_000)
    expect(await unpairedClient().client.invoke('link:pair', { code: late.qrText }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    await loginAdmin(core)
    const typed = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
    const { client, dataDir } = unpairedClient()
    const paired = await client.invoke('link:pair', { code: `${typed.address} ${typed.shortCode}` }, TEST_CLIENT)
    expect(paired).toMatchObject({ ok: true, value: { role: 'board' } })
    expect(readLink(dataDir)?.spki).toBe(identity.spki)
  })

  it('a typed code aimed at another server on the hub’s address sends it nothing and pairs nothing', async () => {
    const { core, hub } = await startHub()
    await loginAdmin(core)
    const typed = await call(core, 'devices:pairStart', { role: 'board', counterId: null })
    const imposter = await recordingTlsServer(await testIdentity())
    const { client, dataDir } = unpairedClient()
    const code = `127.0.0.1:${imposter.port} ${typed.shortCode}`
    expect(await client.invoke('link:pair', { code }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(imposter.received()).toBe('')
    expect(readLink(dataDir)).toBeNull()
    expect(hub.port).not.toBe(imposter.port)
  })

  it('oversized headers and pairing bodies are refused before any work', async () => {
    const { hub, identity } = await startHub()
    const agent = new PinnedAgent(exactPin(identity.spki))
    onCleanup(() => agent.destroy())
    const to = { host: '127.0.0.1', port: hub.port }
    const big = await pinnedRequest(agent, to, { method: 'POST', path: '/v1/pair', headers: { 'x-filler': 'x'.repeat(9000) }, body: '{}' })
    expect(big.status).toBe(431)
    const body = JSON.stringify({ secret: 'x'.repeat(5000) })
    expect((await pinnedRequest(agent, to, { method: 'POST', path: '/v1/pair', body })).status).toBe(413)
    expect((await pinnedRequest(agent, to, { method: 'POST', path: '/v1/pair', body: '{"secret":"0000"}' })).status).toBe(400)
  })
})

describe('probing the hub: connections end when their owner closes', () => {
  it('the hub closes even with a TLS connection open that never sent a request', async () => {
    const { hub } = await startHub()
    const idle = tls.connect({ host: '127.0.0.1', port: hub.port, rejectUnauthorized: false })
    onCleanup(() => void idle.destroy())
    await new Promise<void>((resolve) => idle.once('secureConnect', () => resolve()))
    const closed = await Promise.race([
      hub.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000)),
    ])
    expect(closed).toBe('closed')
  })

  it('a pinned agent destroyed during a handshake leaves no connection behind', async () => {
    const identity = await testIdentity()
    let open = 0
    const server = tls.createServer({ key: identity.keyPem, cert: identity.certPem, minVersion: 'TLSv1.3' }, (socket) => {
      open += 1
      socket.on('error', () => {})
      socket.once('close', () => (open -= 1))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const agent = new PinnedAgent(exactPin(identity.spki))
    const port = (server.address() as { port: number }).port
    const request = pinnedRequest(agent, { host: '127.0.0.1', port }, { method: 'GET', path: '/' })
    agent.destroy() // the socket is still shaking hands
    await expect(request).rejects.toThrow()
    // Give a leaked socket every chance to finish its handshake and show up at the server.
    await new Promise((resolve) => setTimeout(resolve, 300))
    await until(() => open === 0, 'no connection left at the server', 300)
    expect(await new Promise((resolve) => server.getConnections((_e, n) => resolve(n)))).toBe(0)
  })
})

describe('probing the hub: a device is held to its counter', () => {
  it('a counter screen at counter 2 cannot rate a ticket served at counter 3, nor counter 3 without a ticket', async () => {
    const { core } = await startHub()
    const { field, counter } = await demoIds(core)
    const screen = await pairClient(core, { role: 'counter-screen', counterId: counter[2] ?? 0 })
    const taken = await call(core, 'queue:take', { fieldId: field.B, priorityGroup: null })
    for (const verb of ['callNext', 'serve', 'complete']) await staffInvoke(core, `queue:${verb}`, { counterId: counter[3] })
    await call(core, 'auth:logout', {})
    const rating = { ticketUid: taken.uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
    expect(await screen.client.invoke('rating:submit', rating, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const anonymous = { ...rating, ticketUid: null, counterId: counter[3] }
    expect(await screen.client.invoke('rating:submit', anonymous, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(count(core.dbFile, 'SELECT count(*) FROM ratings')).toBe(0)
  })

  it('IT logged in on the console of counter 2 works counter 2, never counter 3; a console never rates', async () => {
    const { core } = await startHub()
    const { field, counter } = await demoIds(core)
    const consoleTwo = await pairClient(core, { role: 'console', counterId: counter[2] ?? 0 })
    await call(core, 'auth:logout', {})
    // A ticket in every field, so counter 2 has someone to call whatever it serves.
    for (const fieldId of Object.values(field)) await call(core, 'queue:take', { fieldId, priorityGroup: null })
    const remote = consoleTwo.client
    const accounts = await remote.invoke('auth:accounts', {}, TEST_CLIENT)
    const admin = accounts.ok ? (accounts.value as { accounts: { id: number; role: string }[] }).accounts.find((a) => a.role === 'admin') : undefined
    expect(await remote.invoke('auth:login', { accountId: admin?.id, pin: '246810' }, TEST_CLIENT)).toMatchObject({ ok: true, value: { status: 'ok' } })
    expect(await remote.invoke('queue:callNext', { counterId: counter[3] }, TEST_CLIENT)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(count(core.dbFile, "SELECT count(*) FROM tickets WHERE status <> 'waiting'")).toBe(0)
    const callTwo = await remote.invoke('queue:callNext', { counterId: counter[2] }, TEST_CLIENT)
    expect(callTwo, JSON.stringify(callTwo)).toMatchObject({ ok: true })
    const rating = { ticketUid: null, counterId: counter[2], levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
    expect(await remote.invoke('rating:submit', rating, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

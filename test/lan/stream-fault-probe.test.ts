import type http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { call } from '../auth/helpers'
import type { HubIdentity } from '../../electron/lan/tls-identity'
import { onCleanup } from './helpers'
import { ear, SHIPPED, waiting, within } from './hub-process'
import { linkState, pairClient, startHub } from './lan-fixture'

type Misbehaviour = 'never-answers' | 'headers-then-silence' | 'answers-503' | 'answers-401' | 'hello-then-silence'

/**
 * A stand-in on the hub's port with the hub's own key (so the client's pin accepts it) that misbehaves the one way
 * `mode` says, as a hub half-started, overloaded, or behind a broken box might, until it is closed.
 */
async function misbehavingHub(identity: HubIdentity, port: number, mode: Misbehaviour): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>()
  const answer = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (mode === 'never-answers') return
    if (mode === 'answers-503' || mode === 'answers-401') {
      res.writeHead(mode === 'answers-503' ? 503 : 401, { 'content-type': 'application/json' })
      return void res.end('{"ok":false,"error":{"code":"UNAVAILABLE","message":"busy"}}')
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    if (mode === 'hello-then-silence') res.write('id: 0\nevent: hello\ndata: {"role":"board","counterId":null}\n\n')
    else res.flushHeaders()
  }
  const server = https.createServer({ key: identity.keyPem, cert: identity.certPem, minVersion: 'TLSv1.3' }, answer)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const socket of sockets) socket.destroy()
    })
  onCleanup(close)
  return close
}

describe('probe: a hub that misbehaves for a while, then is itself again', () => {
  for (const mode of ['never-answers', 'headers-then-silence', 'answers-503', 'answers-401', 'hello-then-silence'] as const) {
    it(`${mode} for 4 s: the client is live within 5 s of the real hub’s return`, async () => {
      const started = await startHub({ heartbeatMs: 2000 })
      const { core, identity } = started
      const tv = await pairClient(core, { role: 'board', counterId: null }, SHIPPED)
      await call(core, 'auth:logout', {})
      const screens = ear(tv.client)
      await started.hub.close()
      const closeFake = await misbehavingHub(identity, started.hub.port, mode)
      await new Promise((resolve) => setTimeout(resolve, 4000))
      await closeFake()
      screens.clear()
      await call(core, 'queue:take', { fieldId: 1, priorityGroup: null })
      await started.restart()
      const back = await within(5000, async () => (await linkState(tv.client)) === 'online' && waiting(screens.board()) === 1)
      expect(back, `${mode}: ${screens.states().join('>')}, board ${waiting(screens.board())}`).toBe(true)
    }, 30_000)
  }
})

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { deriveDeviceKeys, signatureMatches } from '../../shared/protocol/signing'
import { HEADERS } from '../../shared/schemas/upload'
import { testKiosk } from './helpers/kiosk'

const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve))
})

/** A server on 127.0.0.1 that records each request's target, headers and body, and answers 404. */
async function recorder() {
  const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body })
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"x"}}')
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('the signed path (PROTOCOL.md, "Signing")', () => {
  it.each([
    ['', '/v1/ping'],
    ['/', '/v1/ping'],
    ['/kiosk', '/kiosk/v1/ping'],
    ['/kiosk/', '/kiosk/v1/ping'],
  ])('endpoint path "%s" → the request and its signature use %s', async (endpointPath, expected) => {
    const { base, seen } = await recorder()
    const kiosk = testKiosk()
    kiosk.connect({ url: `${base}${endpointPath}`, createEnrollmentToken: () => 'a-token-of-16-chars-or-more' })
    await kiosk.uploader.testConnection()
    const [request] = seen
    expect(request?.url).toBe(expected)
    const header = (name: string) => String(request?.headers[name] ?? '')
    const parts = {
      method: 'POST',
      path: expected,
      timestamp: Number(header(HEADERS.timestamp)),
      deviceId: kiosk.deviceId,
      body: request?.body ?? '',
    }
    expect(signatureMatches(deriveDeviceKeys(kiosk.secret).signKey, parts, header(HEADERS.signature))).toBe(true)
  })
})

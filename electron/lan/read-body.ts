import type http from 'node:http'

/**
 * A request body as UTF-8, or null once it passes `max` bytes (declared or actual). Past the limit the rest is read
 * and thrown away — memory stays bounded, and the server's request timeout bounds how long that may take.
 */
export function readCapped(req: http.IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = Number(req.headers['content-length'] ?? '0') > max ? max + 1 : 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) chunks.length = 0
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

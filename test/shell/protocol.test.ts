import fs from 'node:fs'
import path from 'node:path'
import type { Protocol } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createAppRequestHandler,
  registerAppScheme,
  serveAppProtocol,
} from '../../electron/main/protocol'
import { appCsp } from '../../electron/main/security/csp'
import { tempDir } from '../helpers/temp-dir'
import { createFakeElectron, must, type FakeElectron } from './fake-electron'
import { stubCore } from './stub-core'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

const csp = appCsp()

/** A built renderer in `<tmp>/renderer`, with a secret file right next to it that must never be served. */
function setUp() {
  const base = tempDir()
  const rendererDir = path.join(base, 'renderer')
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>')
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)')
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}')
  fs.writeFileSync(path.join(base, 'secret.txt'), 'pepper')
  const core = stubCore()
  const handle = createAppRequestHandler({ rendererDir, readMedia: core.readMedia, csp })
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }))
  return { base, rendererDir, core, get }
}

describe('app:// request handler', () => {
  it('serves index.html for / and for /index.html', async () => {
    const { get } = setUp()
    for (const url of ['app://kiosk/', 'app://kiosk/index.html']) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await response.text()).toContain('<title>kiosk</title>')
    }
  })

  it('serves assets with their content type', async () => {
    const { get } = setUp()
    const js = await get('app://kiosk/assets/index-abc.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log(1)')
    expect((await get('app://kiosk/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('puts the strict CSP and nosniff on every response, errors included', async () => {
    const { get } = setUp()
    for (const url of ['app://kiosk/', 'app://kiosk/assets/index-abc.js', 'app://kiosk/missing', 'app://other/']) {
      const response = await get(url)
      expect(response.headers.get('content-security-policy')).toBe(csp)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'none'")
  })

  it.each([
    'app://kiosk/../../etc/passwd',
    'app://kiosk/%2e%2e/%2e%2e/etc/passwd',
    'app://kiosk/%2E%2E/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk/index.html%00.js',
    'app://kiosk/%zz',
  ])('answers 404 to %s', async (url) => {
    const { get } = setUp()
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('pepper')
  })

  it('proves the secret file is really one level up (the traversal targets exist)', () => {
    const { base, rendererDir } = setUp()
    expect(path.dirname(rendererDir)).toBe(base)
    expect(fs.readFileSync(path.join(base, 'secret.txt'), 'utf8')).toBe('pepper')
  })

  it('answers 404 for a directory, a missing file and another host', async () => {
    const { get } = setUp()
    expect((await get('app://kiosk/assets')).status).toBe(404)
    expect((await get('app://kiosk/assets/')).status).toBe(404)
    expect((await get('app://kiosk/nope.js')).status).toBe(404)
    expect((await get('app://evil/index.html')).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const { get } = setUp()
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405)
    const head = await get('app://kiosk/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers /media/… from core.readMedia', async () => {
    const { core, get } = setUp()
    core.readMedia.mockImplementation((mediaPath) =>
      mediaPath === 'media/seed/officer-1.svg' ? { contentType: 'image/svg+xml', body: Buffer.from('<svg/>') } : null,
    )
    const response = await get('app://kiosk/media/seed/officer-1.svg')
    expect(core.readMedia).toHaveBeenCalledWith('media/seed/officer-1.svg')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    expect(response.headers.get('content-security-policy')).toBe(csp)
    expect(await response.text()).toBe('<svg/>')
  })

  it('answers 404 when core has no such media', async () => {
    const { core, get } = setUp()
    const response = await get('app://kiosk/media/seed/..%2f..%2fsecret.txt')
    expect(response.status).toBe(404)
    expect(core.readMedia).toHaveBeenCalledOnce()
  })
})

describe('app scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, and nothing more', () => {
    const fake = must(electron.fake)
    registerAppScheme(fake.protocol as unknown as Protocol)
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('installs the handler for the app scheme', () => {
    const fake = must(electron.fake)
    const handler = vi.fn()
    serveAppProtocol(fake.protocol as unknown as Protocol, handler)
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', handler)
  })
})

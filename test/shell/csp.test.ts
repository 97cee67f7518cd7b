import type { OnHeadersReceivedListenerDetails } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { appCsp, installDevServerCsp } from '../../electron/main/security/csp'
import { createFakeElectron, FakeSession, spyLogger, must, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+(.*)/s, 2) as [string, string]))
}

describe('appCsp (production)', () => {
  const policy = directives(appCsp())

  it.each([
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['connect-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('sets %s %s', (name, value) => {
    expect(policy.get(name)).toBe(value)
  })

  it('allows no inline script, no eval and no remote host', () => {
    const text = appCsp()
    expect(text).not.toContain('unsafe-inline')
    expect(text).not.toContain('unsafe-eval')
    expect(text).not.toMatch(/https?:/)
  })
})

describe('installDevServerCsp', () => {
  const dev = 'http://localhost:5173'

  function listen() {
    const session = new FakeSession()
    installDevServerCsp(session.asSession(), dev, spyLogger())
    expect(session.headersReceived).toHaveLength(1)
    return must(session.headersReceived[0])
  }

  it('only touches responses from the dev server', () => {
    expect(listen().filter.urls).toEqual([`${dev}/*`])
  })

  it('replaces any policy the server sent, in any letter case, and keeps the other headers', () => {
    const { listener } = listen()
    const callback = vi.fn()
    const details = {
      url: `${dev}/index.html`,
      responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
    } as unknown as OnHeadersReceivedListenerDetails
    listener(details, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [appCsp(dev)] },
    })
  })

  it('still forbids remote hosts other than the dev server', () => {
    const policy = appCsp(dev)
    expect(directives(policy).get('default-src')).toBe("'none'")
    expect(policy.replaceAll(dev, '').replaceAll('ws://localhost:5173', '')).not.toMatch(/https?:|wss?:/)
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CALLS, EVENTS } from '../../shared/channels'
import { createFakeElectron, must, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))

type Fn = (...args: unknown[]) => unknown
type ExposedApi = Record<string, Record<string, Fn>> & { on: (event: string, listener: Fn) => () => void }

/** Runs the preload against a fresh fake, as Electron does once per page load. */
async function loadPreload() {
  electron.fake = createFakeElectron()
  vi.resetModules()
  await import('../../electron/preload/index')
  const fake = electron.fake
  return { fake, api: fake.exposed.get('api') as ExposedApi }
}

beforeEach(() => {
  electron.fake = null
})

describe('preload', () => {
  it('exposes exactly one global, `api`', async () => {
    const { fake } = await loadPreload()
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    expect([...fake.exposed.keys()]).toEqual(['api'])
  })

  it('has one function per call as api.<domain>.<verb>, plus `on`, and nothing else', async () => {
    const { api } = await loadPreload()
    const expected = new Map<string, string[]>()
    for (const channel of CALLS) {
      const [domain, verb] = channel.split(':') as [string, string]
      expected.set(domain, [...(expected.get(domain) ?? []), verb])
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), 'on'].sort())
    for (const [domain, verbs] of expected) {
      expect(Object.keys(must(api[domain])).sort()).toEqual(verbs.sort())
      for (const verb of verbs) expect(must(api[domain])[verb]).toBeTypeOf('function')
    }
  })

  it('does not expose ipcRenderer or a generic invoke', async () => {
    const { api, fake } = await loadPreload()
    const values: unknown[] = Object.values(api).flatMap((v: unknown) =>
      typeof v === 'object' && v !== null ? Object.values(v) : [v],
    )
    expect(values).not.toContain(fake.ipcRenderer)
    expect(Object.keys(api)).not.toContain('invoke')
    expect(Object.keys(api)).not.toContain('ipcRenderer')
  })

  it.each(CALLS)('api call for %s invokes its own channel with the input', async (channel) => {
    const { api, fake } = await loadPreload()
    const [domain, verb] = channel.split(':') as [string, string]
    const input = { limit: 3 }
    const result = await must(must(api[domain])[verb])(input)
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, input)
    expect(result).toEqual({ ok: true, value: { channel, input } })
  })

  it.each(EVENTS)('on(%s) gives the listener the payload only; unsubscribe removes it', async (event) => {
    const { api, fake } = await loadPreload()
    const listener = vi.fn()
    const unsubscribe = api.on(event, listener)
    expect(fake.ipcRenderer.listenerCount(event)).toBe(1)

    fake.ipcRenderer.deliver(event, { id: 7 })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ id: 7 })

    unsubscribe()
    expect(fake.ipcRenderer.listenerCount(event)).toBe(0)
    fake.ipcRenderer.deliver(event, { id: 8 })
    expect(listener).toHaveBeenCalledOnce()
  })

  it('refuses to listen to a channel that is not a contract event', async () => {
    const { api, fake } = await loadPreload()
    expect(() => api.on('app:info', vi.fn())).toThrow(TypeError)
    expect(() => api.on('ipc-internal', vi.fn())).toThrow(TypeError)
    expect(fake.ipcRenderer.eventNames()).toEqual([])
  })
})

/** Value (non-type) imports of a module, resolved to repo-relative paths or bare package names. */
function valueImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8')
  const found: string[] = []
  for (const match of source.matchAll(/^\s*import\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    const spec = must(match[1])
    found.push(spec.startsWith('.') ? path.resolve(path.dirname(file), `${spec}.ts`) : spec)
  }
  return found
}

describe('preload bundle contents', () => {
  it("pulls in only 'electron', shared/bridge.ts and shared/channels.ts (no zod)", () => {
    const root = path.resolve(__dirname, '../..')
    const seen = new Set<string>()
    const queue = [path.join(root, 'electron/preload/index.ts')]
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      for (const dep of valueImports(file)) {
        if (seen.has(dep)) continue
        seen.add(dep)
        if (path.isAbsolute(dep)) queue.push(dep)
      }
    }
    const toRepoPath = (dep: string) => path.relative(root, dep).split(path.sep).join('/')
    const relative = [...seen].map((dep) => (path.isAbsolute(dep) ? toRepoPath(dep) : dep)).sort()
    expect(relative).toEqual(['electron', 'shared/bridge.ts', 'shared/channels.ts'])
  })
})

/**
 * A hand-made stand-in for the parts of `electron` the shell uses. The real package cannot load here (no binary),
 * and the shell's rules are about which options and handlers it installs, which a fake records faithfully.
 *
 * Usage in a test file (the holder lives in the test file, so `vi.resetModules()` cannot split it in two):
 *   const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
 *   beforeEach(() => { electron.fake = createFakeElectron() })
 */
import { EventEmitter } from 'node:events'
import path from 'node:path'
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  HeadersReceivedResponse,
  IpcMainInvokeEvent,
  IpcRendererEvent,
  OnHeadersReceivedListenerDetails,
  Session,
  WebContents,
  WebRequestFilter,
} from 'electron'
import { vi } from 'vitest'

/** An Electron-style event: records whether a listener called preventDefault(). */
export interface FakeEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

export function fakeEvent<T extends object>(extra: T = {} as T): FakeEvent & T {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
    ...extra,
  }
}

export class FakeFrame {
  detached = false
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0]

let nextWebContentsId = 1

export class FakeWebContents extends EventEmitter {
  /** Electron numbers each webContents; the shell uses it as the calling window's client id. */
  readonly id = nextWebContentsId++
  mainFrame = new FakeFrame('app://kiosk/index.html')
  windowOpenHandler: WindowOpenHandler | null = null
  destroyed = false
  readonly send = vi.fn<(channel: string, payload: unknown) => void>()

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }

  /** Typed view for code that takes a real WebContents. */
  asWebContents(): WebContents {
    return this as unknown as WebContents
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents()
  readonly loadURL = vi.fn((_url: string) => Promise.resolve())
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn()
  readonly close = vi.fn()
  minimized = false

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
  }

  isMinimized(): boolean {
    return this.minimized
  }
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>
type DevicePermissionHandler = NonNullable<Parameters<Session['setDevicePermissionHandler']>[0]>
type CertificateVerifyProc = NonNullable<Parameters<Session['setCertificateVerifyProc']>[0]>
type HeadersReceivedListener = (
  details: OnHeadersReceivedListenerDetails,
  callback: (response: HeadersReceivedResponse) => void,
) => void

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  devicePermissionHandler: DevicePermissionHandler | null = null
  readonly headersReceived: { filter: WebRequestFilter; listener: HeadersReceivedListener }[] = []
  readonly webRequest = {
    onHeadersReceived: (filter: WebRequestFilter, listener: HeadersReceivedListener) => {
      this.headersReceived.push({ filter, listener })
    },
  }

  /** What `setCertificateVerifyProc` installed (null: Chromium's own verification). */
  certificateVerifyProc: CertificateVerifyProc | null = null

  setCertificateVerifyProc(proc: CertificateVerifyProc | null): void {
    this.certificateVerifyProc = proc
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler
  }

  setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
    this.devicePermissionHandler = handler
  }

  asSession(): Session {
    return this as unknown as Session
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = true
  readonly enableSandbox = vi.fn()
  readonly requestSingleInstanceLock = vi.fn(() => true)
  readonly quit = vi.fn()
  readonly getPath = vi.fn((_name: string) => '/var/kiosk/user-data')
  readonly getAppPath = vi.fn(() => '/opt/kiosk/app')
  readonly getVersion = vi.fn(() => '1.2.3')
  readonly setLoginItemSettings = vi.fn((_settings: { openAtLogin: boolean; path?: string; args?: string[] }) => {})
  readonly relaunch = vi.fn()
  readonly exit = vi.fn((_code: number) => {})
  private resolveReady: () => void = () => {}
  private readonly ready = new Promise<void>((resolve) => {
    this.resolveReady = resolve
  })

  whenReady(): Promise<void> {
    return this.ready
  }

  /** What Electron does once it is initialised. */
  fireReady(): void {
    this.resolveReady()
    this.emit('ready')
  }
}

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>()

  handle(channel: string, handler: InvokeHandler): void {
    // Electron throws on a second handler for the same channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } }))

  /** Main sending `payload` on `channel`, as the renderer receives it. */
  deliver(channel: string, payload: unknown): void {
    const event = { sender: this } as unknown as IpcRendererEvent
    this.emit(channel, event, payload)
  }
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>

export function createFakeElectron() {
  const windows: FakeBrowserWindow[] = []
  const exposed = new Map<string, unknown>()
  const privileged: CustomScheme[] = []
  const protocolHandlers = new Map<string, ProtocolHandler>()
  const partitions = new Map<string, { session: FakeSession; options: { cache: boolean } | undefined }>()
  const primary = { id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 } }
  /** Displays connected to the fake PC; tests push a second one to act as the TV. */
  const displays: { id: number; bounds: { x: number; y: number; width: number; height: number } }[] = [primary]
  return {
    windows,
    exposed,
    app: new FakeApp(),
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        super(options)
        windows.push(this)
      }
    },
    contextBridge: {
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed.set(key, api)
      }),
    },
    dialog: { showErrorBox: vi.fn<(title: string, content: string) => void>() },
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    Menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: { start: vi.fn((_type: string) => 1), stop: vi.fn((_id: number) => {}) },
    protocol: {
      privileged,
      handlers: protocolHandlers,
      registerSchemesAsPrivileged: vi.fn((schemes: CustomScheme[]) => {
        privileged.push(...schemes)
      }),
      handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
        protocolHandlers.set(scheme, handler)
      }),
    },
    session: {
      defaultSession: new FakeSession(),
      /** One session per partition name, as Electron keeps them; `partitions` records the options asked for. */
      partitions,
      fromPartition: vi.fn((partition: string, options?: { cache: boolean }) => {
        const known = partitions.get(partition) ?? { session: new FakeSession(), options }
        partitions.set(partition, known)
        return known.session
      }),
    },
    screen: { displays, getAllDisplays: () => [...displays], getPrimaryDisplay: () => primary },
    // A working OS keychain by default (reversible, visibly not the plain text); `noKeychain()` plays Linux without
    // a secret service, where Electron "encrypts" with a hard-coded key (`basic_text`).
    safeStorage: fakeKeychain(true),
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>

/** Electron's safeStorage with (`true`) or without (`false`, the `basic_text` backend) an OS keychain behind it. */
export function fakeKeychain(available: boolean) {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
    decryptString: (encrypted: Buffer) => Buffer.from(encrypted.toString().replace(/^enc:/, ''), 'hex').toString(),
    getSelectedStorageBackend: (): string => (available ? 'gnome_libsecret' : 'basic_text'),
  }
}

const exportNames = [
  'app',
  'BrowserWindow',
  'contextBridge',
  'dialog',
  'ipcMain',
  'ipcRenderer',
  'Menu',
  'powerSaveBlocker',
  'protocol',
  'session',
  'safeStorage',
  'screen',
] as const

/** The module object `vi.mock('electron', …)` returns: each export reads the test's current fake. */
export function electronModule(current: () => FakeElectron | null): Record<string, unknown> {
  const module: Record<string, unknown> = {}
  for (const name of exportNames) {
    Object.defineProperty(module, name, {
      enumerable: true,
      get: () => {
        const fake = current()
        if (fake === null) throw new Error('fake electron used before the test created it')
        return fake[name]
      },
    })
  }
  return module
}

/**
 * How long a test waits for what index.ts does after `ready` (the hub's key made, the database migrated, the window
 * and the port opened). vitest's default for vi.waitFor is 1 s, and a start on 2 cores shared with a whole suite
 * takes longer than that now and then: a bound that only tells a slow start from one that never comes.
 */
export const STARTUP_WAIT = { timeout: 15_000, interval: 20 } as const

/** The value, or a thrown error naming what was missing: lets tests read optional things without `!`. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`)
  return value
}

/** A logger that records, so tests stay quiet and can still check what was said. */
export function spyLogger() {
  return {
    info: vi.fn<(m: string) => void>(),
    warn: vi.fn<(m: string) => void>(),
    error: vi.fn<(m: string, e?: unknown) => void>(),
  }
}

/**
 * Before booting the real index.ts in a test: its config dir in a temp dir, its fatal-error handlers kept off the
 * runner's process, and its console quiet. Undone by `vi.unstubAllEnvs()` + `vi.restoreAllMocks()` after each test.
 */
export function quietShellProcess(configHome: string): void {
  vi.stubEnv('XDG_CONFIG_HOME', configHome)
  vi.spyOn(process, 'on').mockImplementation(() => process)
  for (const level of ['error', 'info', 'warn'] as const) vi.spyOn(console, level).mockImplementation(() => {})
}

/**
 * The real index.ts, freshly imported, started against a new fake Electron whose user data dir is `userData`; the
 * test file's holder (see the usage above) gets the fake first. The caller says how the app quits after its test.
 */
export async function bootIndex(holder: { fake: FakeElectron | null }, userData: string, packaged = false): Promise<FakeElectron> {
  const fake = createFakeElectron()
  fake.app.isPackaged = packaged
  fake.app.getPath.mockReturnValue(userData)
  fake.app.getAppPath.mockReturnValue(path.resolve(__dirname, '../..'))
  holder.fake = fake
  vi.resetModules()
  await import('../../electron/main/index')
  fake.app.fireReady()
  return fake
}

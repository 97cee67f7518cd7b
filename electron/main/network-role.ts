import fs from 'node:fs'
import os from 'node:os'
import { z } from 'zod'
import type { Clock } from '../core/clock'
import type { Core } from '../core/core'
import type { SecretStore } from '../core/device/secret-store'
import type { Logger } from '../core/dispatch'
import type { DiagnosticsShell } from '../core/system/diagnostics-package'
import { browseHubs } from '../lan/discovery'
import { createRemoteCore } from '../lan/remote-core'
import { NetworkSettingsSchema, type NetworkSettings } from './hub-serving'
import type { ShellLogger } from './log'

/**
 * A counter screen, console, board or lobby kiosk on another PC of the centre: `{"role": "client"}` in
 * `<userData>/network.json`. Such a PC keeps no database; every call goes to the hub it is paired with.
 */
export const ClientSettingsSchema = z.strictObject({
  role: z.literal('client'),
  /** Listen for hubs announcing themselves (DNS-SD) while the pairing screen shows; off where multicast is unwanted. */
  discover: z.boolean().default(true),
  /** How IT sees this PC in the hub's device list until they rename it; the PC's host name by default. */
  name: z.string().trim().min(1).max(60).optional(),
})
export type ClientSettings = z.infer<typeof ClientSettingsSchema>

export type NetworkRole =
  /** No file (or a hub file with serving off): the kiosk works on its own database. */
  | { kind: 'standalone' }
  | { kind: 'hub'; settings: NetworkSettings }
  | { kind: 'client'; settings: ClientSettings }
  /** The file says something the shell cannot read: nothing opens (see `loadNetworkRole`). */
  | { kind: 'broken'; problem: string }

/**
 * This PC's part in the centre network, read before anything opens. A file that cannot be read as JSON, or that
 * names a `role` and is outside its schema, is `broken`: the shell then opens no database at all, because a PC IT
 * meant to be a client must never quietly start a second, empty kiosk database of its own (its ratings would
 * never reach the hub). A JSON file without `role` is the hub's file (hub-serving.ts), whose mistakes stay
 * harmless as before: logged, and the kiosk runs on its own.
 */
export function loadNetworkRole(file: string, log: ShellLogger): NetworkRole {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'standalone' }
    return { kind: 'broken', problem: `cannot read ${file}: ${String(error)}` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'broken', problem: `${file} is not JSON` }
  }
  if (typeof json === 'object' && json !== null && 'role' in json) {
    const client = ClientSettingsSchema.safeParse(json)
    if (!client.success) return { kind: 'broken', problem: `${file}: ${z.prettifyError(client.error)}` }
    log.info(`this PC is a client of the centre network (${file})`)
    return { kind: 'client', settings: client.data }
  }
  const hub = NetworkSettingsSchema.safeParse(json)
  if (!hub.success) {
    log.warn(`${file}: ${z.prettifyError(hub.error)} — the centre network is not served`)
    return { kind: 'standalone' }
  }
  return hub.data.serveCentre ? { kind: 'hub', settings: hub.data } : { kind: 'standalone' }
}

/** What IT reads on screen when network.json is broken: which file, what is wrong, the two valid shapes. */
export function brokenRoleMessage(problem: string): string {
  return (
    `Tệp network.json của máy này không hợp lệ, nên kiosk không mở cơ sở dữ liệu nào.\n${problem}\n\n` +
    'Máy trạm (màn hình quầy, bảng, sảnh): {"role": "client"}. Kiosk chính: {"serveCentre": true}. ' +
    'Máy dùng riêng: xóa tệp này.'
  )
}

export interface ClientCoreDeps {
  dataDir: string
  /** The shell's chosen store (OS keychain or IT's key file): the device credential is sealed like any secret. */
  secrets: SecretStore
  clock: Clock
  appVersion: string
  log: Logger
  /** This PC's part of "Lưu gói chẩn đoán" (its logs and settings) and the save dialog (diagnostics-save.ts). */
  diagnostics?: DiagnosticsShell
}

/**
 * The client's core: plain Node, the same remote core as the web host's `--client` (electron/lan/remote-core.ts),
 * so the renderer talks to its own shell and the shell carries each call to the hub. It holds link.json and the
 * sealed device credential only; the credential stays in this process.
 */
export function openClientCore(settings: ClientSettings, deps: ClientCoreDeps): Core {
  return createRemoteCore({
    dataDir: deps.dataDir,
    secrets: deps.secrets,
    clock: deps.clock,
    appVersion: deps.appVersion,
    name: (settings.name ?? `Máy ${os.hostname()}`).slice(0, 60),
    log: deps.log,
    ...(deps.diagnostics === undefined ? {} : { diagnostics: deps.diagnostics }),
    ...(settings.discover ? { discover: () => browseHubs({}, (error) => deps.log.error('hub discovery failed', error)) } : {}),
  })
}

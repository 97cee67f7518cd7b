import os from 'node:os'
import { ZipFile } from 'yazl'
import { contract } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/result'
import type { LinkStatus } from '../../shared/schemas/devices'
import { diagnosticsFileName, saveInDiagnosticsFolder } from '../core/system/diagnostics-handlers'
import { logTails, zipBytes, type DiagnosticsShell } from '../core/system/diagnostics-package'
import type { Link } from './link-store'

/** One change of the link to the hub, as the client saw it. */
export interface LinkChange {
  state: 'online' | 'offline' | 'revoked'
  at: number
}

/** Enough changes to see a flapping cable or a hub that restarts every night, never an unbounded list. */
export const LINK_HISTORY_KEPT = 200

/** What the client PC knows about itself when IT saves a package there. */
export interface ClientFacts {
  dataDir: string
  appVersion: string
  now: number
  status: LinkStatus
  history: readonly LinkChange[]
  link: Link | null
  /** This PC's log folder, its settings (unattended.json, network.json) and where the zip goes. */
  shell: DiagnosticsShell
}

const README = [
  'Gói chẩn đoán lưu trên một máy khách của mạng trung tâm (Lưu gói chẩn đoán, máy quản trị).',
  '',
  'client/  Phần của chính máy này: phiên bản, hệ điều hành, trạng thái và lịch sử kết nối với kiosk chính,',
  '         cấu hình của máy (unattended.json, network.json) và nhật ký (logs/).',
  'hub/     Phần của kiosk chính, đúng như kiosk chính tự lưu (một tệp zip nguyên vẹn).',
  '',
  'Không có bí mật nào: không có thông tin đăng nhập thiết bị, khoá, mã PIN.',
  '',
  "A client PC's diagnostics package: client/ is this PC's own part, hub/ is the main kiosk's package as it makes it.",
  '',
].join('\n')

/**
 * "Lưu gói chẩn đoán" pressed on a client PC: the hub's package (fetched with `diagnostics:collect`, which the hub
 * grants only to IT on an admin client) and this PC's own part, in one zip saved on this PC. `hub` is the hub's
 * answer: a refusal or a hub away saves nothing — the hub is what says the caller is IT, and this PC keeps no
 * sessions of its own. The client part is built from an allow-list like the hub's: the link's public facts (its
 * addresses, the pinned key hash, its device id), never the name or value of the device credential.
 */
export async function saveClientPackage(hub: Result<unknown>, facts: ClientFacts): Promise<Result<unknown>> {
  if (!hub.ok) return hub
  const part = contract['diagnostics:collect'].output.safeParse(hub.value)
  if (!part.success) return fail('INTERNAL', "the main kiosk's diagnostics part is malformed")
  const zip = new ZipFile()
  const json = (name: string, value: unknown) => zip.addBuffer(Buffer.from(`${JSON.stringify(value, null, 2)}\n`), name)
  zip.addBuffer(Buffer.from(README), 'README.txt')
  const link = facts.link
  json('client/versions.json', {
    app: { version: facts.appVersion, role: 'client' },
    deviceId: link?.deviceId ?? null,
    hostname: os.hostname(),
    createdAt: new Date(facts.now).toISOString(),
    runtime: process.versions,
    platform: `${process.platform} ${process.arch} ${os.release()}`,
  })
  json('client/link.json', {
    status: facts.status,
    history: facts.history.map((change) => ({ ...change, at: new Date(change.at).toISOString() })),
    paired:
      link === null
        ? null
        : { hosts: link.hosts, port: link.port, spki: link.spki, deviceId: link.deviceId, role: link.role, counterId: link.counterId },
  })
  json('client/configuration.json', { shell: facts.shell.shellConfig ?? null })
  for (const [name, body] of logTails(facts.shell.logDir)) zip.addBuffer(body, `client/logs/${name}`)
  zip.addBuffer(Buffer.from(part.data.zipBase64, 'base64'), `hub/${part.data.name}`)
  const bytes = await zipBytes(zip)
  const name = diagnosticsFileName(link?.deviceId ?? 'client', facts.now)
  const file = await (facts.shell.save ?? saveInDiagnosticsFolder(facts.dataDir))(name, bytes)
  return ok(file === null ? { saved: false as const } : { saved: true as const, file, bytes: bytes.length })
}

import fs from 'node:fs'
import path from 'node:path'
import type { AppInfo } from '../../../shared/schemas/system'
import { staffActor } from '../access'
import { appendAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { AppError } from '../errors'
import { buildDiagnosticsZip, type DiagnosticsShell } from './diagnostics-package'

/** DiagnosticsPartSchema's bound (shared/contracts/system.ts). */
const MAX_PART_CHARS = 14_000_000

/** `chan-doan-<first 8 of the device id>-<UTC yyyymmdd-hhmm>.zip`: sortable, and says which PC it came from. */
export function diagnosticsFileName(deviceId: string, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return `chan-doan-${deviceId.slice(0, 8)}-${stamp}.zip`
}

/** Where a shell without a save dialog (web host, headless hub, a client under the web host) puts the zip. */
export function saveInDiagnosticsFolder(dataDir: string) {
  return (name: string, zip: Buffer): Promise<string> => {
    const dir = path.join(dataDir, 'diagnostics')
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    const file = path.join(dir, name)
    fs.writeFileSync(file, zip, { mode: 0o600 })
    return Promise.resolve(file)
  }
}

/** "Lưu gói chẩn đoán" (IT only, audited): builds the package and hands it to the shell to put somewhere. */
export function createDiagnosticsPackageHandler(deps: {
  db: Db
  clock: Clock
  info: AppInfo
  deviceId: string
  dataDir: string
  shell: DiagnosticsShell
}): Pick<Handlers, 'diagnostics:package' | 'diagnostics:collect'> {
  const saveInDataDir = saveInDiagnosticsFolder(deps.dataDir)
  const build = async () => {
    const now = deps.clock.now()
    const zip = await buildDiagnosticsZip({ db: deps.db, dbFile: deps.db.name, info: deps.info, deviceId: deps.deviceId, now, shell: deps.shell })
    return { zip, name: diagnosticsFileName(deps.deviceId, now) }
  }
  return {
    'diagnostics:package': async (_input, { caller }) => {
      const actor = staffActor(caller)
      const { zip, name } = await build()
      const file = await (deps.shell.save ?? saveInDataDir)(name, zip)
      if (file === null) return { saved: false as const }
      appendAudit(deps.db, deps.clock.now(), actor, { action: 'diagnostics.package', detail: { file, bytes: zip.length } })
      return { saved: true as const, file, bytes: zip.length }
    },
    // Never the hub's save dialog: the package goes back to the admin client that asked, and is saved there.
    'diagnostics:collect': async (_input, { caller, device }) => {
      const { zip, name } = await build()
      const zipBase64 = zip.toString('base64')
      if (zipBase64.length > MAX_PART_CHARS) throw new AppError('UNAVAILABLE', `the hub's package is ${zip.length} bytes: save it on the hub`)
      appendAudit(deps.db, deps.clock.now(), staffActor(caller), {
        action: 'diagnostics.collect',
        detail: { name, bytes: zip.length, device: device?.id ?? null },
      })
      return { name, zipBase64 }
    },
  }
}

import fs from 'node:fs'
import path from 'node:path'
import type { AppInfo } from '../../../shared/schemas/system'
import { staffActor } from '../access'
import { appendAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'
import { buildDiagnosticsZip, type DiagnosticsShell } from './diagnostics-package'

/** `chan-doan-<first 8 of the device id>-<UTC yyyymmdd-hhmm>.zip`: sortable, and says which PC it came from. */
export function diagnosticsFileName(deviceId: string, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return `chan-doan-${deviceId.slice(0, 8)}-${stamp}.zip`
}

/** "Lưu gói chẩn đoán" (IT only, audited): builds the package and hands it to the shell to put somewhere. */
export function createDiagnosticsPackageHandler(deps: {
  db: Db
  clock: Clock
  info: AppInfo
  deviceId: string
  dataDir: string
  shell: DiagnosticsShell
}): Pick<Handlers, 'diagnostics:package'> {
  const saveInDataDir = (name: string, zip: Buffer): Promise<string> => {
    const dir = path.join(deps.dataDir, 'diagnostics')
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    const file = path.join(dir, name)
    fs.writeFileSync(file, zip, { mode: 0o600 })
    return Promise.resolve(file)
  }
  return {
    'diagnostics:package': async (_input, { caller }) => {
      const actor = staffActor(caller)
      const now = deps.clock.now()
      const zip = await buildDiagnosticsZip({ db: deps.db, dbFile: deps.db.name, info: deps.info, deviceId: deps.deviceId, now, shell: deps.shell })
      const name = diagnosticsFileName(deps.deviceId, now)
      const file = await (deps.shell.save ?? saveInDataDir)(name, zip)
      if (file === null) return { saved: false as const }
      appendAudit(deps.db, deps.clock.now(), actor, { action: 'diagnostics.package', detail: { file, bytes: zip.length } })
      return { saved: true as const, file, bytes: zip.length }
    },
  }
}

import fs from 'node:fs'
import path from 'node:path'
import type { BackupInfo } from '../../../shared/schemas/backup'
import { BackupNameSchema } from '../../../shared/schemas/backup'

export type BackupKind = BackupInfo['kind']

/** How many of each scheduled kind are kept (issue 6: 24 hourly, 7 daily). Manual and pre-restore copies stay. */
export const KEEP: Partial<Record<BackupKind, number>> = { hourly: 24, daily: 7 }

function stamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
}

/** A fresh file name for a backup of `kind` taken at `at`, never one that exists already. */
export function backupName(dir: string, kind: BackupKind, at: number): string {
  const base = `kiosk-${kind}-${stamp(at)}`
  let name = `${base}.db`
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `${base}-${i}.db`
  return name
}

function parseName(name: string): { kind: BackupKind; at: number } | null {
  if (!BackupNameSchema.safeParse(name).success) return null
  const m = /^kiosk-([a-z-]+)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name)
  if (!m) return null
  const [, kind, y, mo, d, h, mi, s] = m
  return { kind: kind as BackupKind, at: Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) }
}

/** The backups in `dir`, newest first. Files that are not ours are ignored. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  return names
    .flatMap((name) => {
      const parsed = parseName(name)
      return parsed ? [{ name, ...parsed, bytes: fs.statSync(path.join(dir, name)).size }] : []
    })
    .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name))
}

/** Deletes the oldest scheduled backups beyond what is kept. */
export function rotate(dir: string): void {
  for (const [kind, keep] of Object.entries(KEEP)) {
    for (const old of listBackups(dir).filter((b) => b.kind === kind).slice(keep)) {
      fs.rmSync(path.join(dir, old.name), { force: true })
    }
  }
}

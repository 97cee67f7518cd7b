import fs from 'node:fs'
import path from 'node:path'
import type { NodeLogger } from 'electron-log'
import type { Logger } from '../core/dispatch'
import type { ShellLogger } from './log'

/** A kiosk runs for months: each file is capped, and only the newest few are kept (about 5 MB in all). */
export const LOG_FILE_BYTES = 1024 * 1024
export const LOG_FILES_KEPT = 5
export const LOG_FILE_NAME = 'main.log'

/**
 * main.log → main.1.log → … → main.<keep-1>.log, the oldest dropped. electron-log's own rotation keeps a single
 * `.old` file, too little to see what led up to a problem a week ago.
 */
export function rotateLogFiles(file: string, keep: number): void {
  const { dir, name, ext } = path.parse(file)
  const numbered = (n: number) => path.join(dir, `${name}.${n}${ext}`)
  fs.rmSync(numbered(keep - 1), { force: true })
  for (let n = keep - 2; n >= 1; n--) {
    if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1))
  }
  fs.renameSync(file, numbered(1))
}

/**
 * The Electron shell's log: electron-log's Node logger writing `main.log` under `dir` (the "Lưu gói chẩn đoán"
 * package takes the whole folder), rotated by size, and still echoed to the console for `npm run dev`. Its Node
 * entry is used on purpose: renderers never log through IPC here (their errors go through `diagnostics:report`,
 * which is rate-limited), so no IPC channel of electron-log's is opened. The shell's lines and core's lines go
 * to the same files, each with its scope.
 */
export function createFileLog(
  logger: NodeLogger,
  dir: string,
  options: { maxBytes?: number; keep?: number; console?: boolean } = {},
): { shell: ShellLogger; core: Logger; dir: string } {
  const file = logger.transports.file
  file.resolvePathFn = () => path.join(dir, LOG_FILE_NAME)
  file.maxSize = options.maxBytes ?? LOG_FILE_BYTES
  file.level = 'info'
  file.archiveLogFn = (old) => rotateLogFiles(old.path, options.keep ?? LOG_FILES_KEPT)
  logger.transports.console.level = options.console === false ? false : 'info'
  const shell = logger.scope('shell')
  const core = logger.scope('core')
  return {
    dir,
    shell: {
      info: (message) => shell.info(message),
      warn: (message) => shell.warn(message),
      error: (message, error) => (error === undefined ? shell.error(message) : shell.error(message, error)),
    },
    core: {
      info: (message) => core.info(message),
      error: (message, error) => core.error(message, error),
    },
  }
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'

const root = path.resolve(__dirname, '../../..')
const jitiCli = path.join(root, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs')
const childScript = path.join(root, 'test', 'upload', 'fixtures', 'kiosk-child.ts')

export interface KioskChild {
  process: ChildProcessWithoutNullStreams
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr(): string
}

/** Starts the kiosk child process; `onLine` sees each complete stdout line (a half-written line never counts). */
export function spawnKioskChild(args: string[], onLine: (line: string) => void): KioskChild {
  const child = spawn(process.execPath, [jitiCli, childScript, ...args], {
    cwd: root,
    env: { ...process.env, JITI_FS_CACHE: 'true' },
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  readline.createInterface({ input: child.stdout }).on('line', onLine)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close', not 'exit': every line the child wrote has been read by then.
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
  return { process: child, exited, stderr: () => stderr }
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { z } from 'zod'

const root = path.resolve(__dirname, '../../..')
const jitiCli = path.join(root, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs')
const cli = path.join(root, 'electron', 'collector', 'cli.ts')

export interface CollectorProcess {
  url: string
  child: ChildProcessWithoutNullStreams
  stderr(): string
  stop(): Promise<void>
}

/**
 * `collector serve` as a real child process (through jiti, no build needed) on a free port, its clock starting at
 * `clockStart`. Resolves once it prints its URL, i.e. after its migrations ran.
 */
export function startCollectorProcess(storeArgs: string[], clockStart: number, adminToken: string): Promise<CollectorProcess> {
  const child = spawn(
    process.execPath,
    [jitiCli, cli, 'serve', ...storeArgs, '--port', '0', '--clock-start', String(clockStart), '--admin-token', adminToken],
    { cwd: root, env: { ...process.env, JITI_FS_CACHE: 'true' } },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  return new Promise((resolve, reject) => {
    child.on('close', (code) => reject(new Error(`collector exited (${String(code)}) before it started: ${stderr}`)))
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const { url } = z.looseObject({ url: z.string() }).parse(JSON.parse(line))
      resolve({
        url,
        child,
        stderr: () => stderr,
        stop: () => {
          child.kill('SIGTERM')
          return exited
        },
      })
    })
  })
}

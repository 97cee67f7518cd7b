import { execFile, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { HOST_CLOCK_START } from './fixtures'

const collectorBundle = path.resolve(__dirname, '../../out/main/collector.js')
const run = promisify(execFile)

export interface DashboardHost {
  url: string
  /** The collector's clock, carried forward by this process's monotonic counter (see fixtures.ts). */
  clock: { now(): number }
  /** `collector <args…>` on the same database, at the same fixed instant; resolves with its JSON lines. */
  cli(args: string[], stdin?: string): Promise<Record<string, unknown>[]>
  /** A one-time enrollment token for a device of this centre (made by the CLI, as IT does). */
  token(centre: string | null): Promise<string>
  stop(): Promise<void>
}

/**
 * The built collector (`out/main/collector.js serve`) on a fresh SQLite file and a free port, its clock started at
 * HOST_CLOCK_START; centres and accounts are made with its own CLI, as the province's IT would.
 */
export async function startDashboardHost(): Promise<DashboardHost> {
  if (!fs.existsSync(collectorBundle)) throw new Error(`${collectorBundle} is missing: run \`npm run build\` first`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-e2e-'))
  const base = ['--db', path.join(dir, 'collector.db'), '--clock-start', String(HOST_CLOCK_START)]
  const cli = async (args: string[], stdin?: string) => {
    const child = run(process.execPath, [collectorBundle, ...args, ...base])
    if (stdin !== undefined) child.child.stdin?.end(`${stdin}\n`)
    else child.child.stdin?.end()
    const { stdout } = await child
    return stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
  }
  await cli(['migrate'])
  const child: ChildProcess = spawn(process.execPath, [collectorBundle, 'serve', '--port', '0', ...base], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const started = await new Promise<{ url: string; now: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${stderr}`)), 60_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line) as { url: string; now: number })
    })
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)))
  })
  const receivedAt = performance.now()
  return {
    url: started.url,
    clock: { now: () => started.now + Math.round(performance.now() - receivedAt) },
    cli,
    async token(centre) {
      const [line] = await cli(['token', '--label', 'Kiosk', ...(centre === null ? [] : ['--centre', centre])])
      return String(line?.token)
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

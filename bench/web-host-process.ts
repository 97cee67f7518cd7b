import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'

export interface WebHostProcess {
  url: string
  dbFile: string
  stop(): Promise<void>
}

/** The built web host (`out/main/web-host.js`, what `npm run bench` just built) on a free port, its clock fixed. */
export async function startWebHost(dataDir: string, clockStart: number): Promise<WebHostProcess> {
  const bundle = path.resolve('out/main/web-host.js')
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`)
  const args = ['--port', '0', '--data-dir', dataDir, '--clock-start', String(clockStart)]
  const child: ChildProcess = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)))
  })
  const { url } = JSON.parse(line) as { url: string }
  return {
    url,
    dbFile: path.join(dataDir, 'kiosk.db'),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

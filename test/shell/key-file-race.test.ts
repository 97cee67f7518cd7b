import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/temp-dir'

const root = path.resolve(__dirname, '../..')
const jitiCli = path.join(root, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs')
const child = path.join(__dirname, 'key-file-child.ts')

/** Starts `n` processes that open `file` at the same moment; resolves with what each printed. */
async function startTogether(file: string, n: number): Promise<string[]> {
  const go = `${file}.go`
  const ready: Promise<void>[] = []
  const answers: Promise<string>[] = []
  for (let i = 0; i < n; i++) {
    const proc = spawn(process.execPath, [jitiCli, child, file, go], { cwd: root, env: { ...process.env, JITI_FS_CACHE: 'true' } })
    const lines = readline.createInterface({ input: proc.stdout })
    let said: (line: string) => void = () => {}
    ready.push(new Promise((resolve) => (said = (line) => line === 'ready' && resolve())))
    answers.push(
      new Promise((resolve) => {
        let last = ''
        lines.on('line', (line) => ((last = line), said(line)))
        proc.on('close', () => resolve(last))
      }),
    )
  }
  await Promise.all(ready)
  fs.writeFileSync(go, '')
  return Promise.all(answers)
}

/**
 * Two first starts at once (the kiosk started twice by a confused autostart, or by IT and by the service at the
 * same moment) must end with one key that both use: never one of them reading the file half-written and refusing
 * it as damaged. A race, so several rounds; each round a new key file.
 */
describe('the key file made by several processes at once', () => {
  it.runIf(process.platform !== 'win32')('every process gets the same key, none finds it damaged', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 8; round++) {
      const file = path.join(tempDir(), 'kiosk.key')
      const keys = await startTogether(file, 5)
      expect(keys.filter((k) => k.startsWith('ERR')), `round ${round}`).toEqual([])
      expect(new Set(keys).size, `round ${round}: ${keys.join(', ')}`).toBe(1)
      expect(keys[0]).toBe(fs.readFileSync(file, 'utf8').trim())
    }
  })
})

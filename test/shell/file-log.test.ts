import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import electronLog from 'electron-log/node'
import { describe, expect, it } from 'vitest'
import { createFileLog, rotateLogFiles } from '../../electron/main/file-log'
import { tempDir } from '../helpers/temp-dir'

/** A logger of its own per test (electron-log keeps instances by id), writing to a temp folder, console off. */
function fileLog(dir: string, options: { maxBytes: number; keep: number }) {
  const logger = electronLog.create({ logId: `test-${crypto.randomUUID()}` })
  return createFileLog(logger, dir, { ...options, console: false })
}

describe('the shell’s rotating log files (electron-log)', () => {
  it('writes the shell’s and core’s lines to main.log with their scope', () => {
    const dir = tempDir()
    const log = fileLog(dir, { maxBytes: 1 << 20, keep: 5 })
    log.shell.warn('blocked a navigation')
    log.core.error('upload failed', new Error('ECONNREFUSED'))
    const text = fs.readFileSync(path.join(dir, 'main.log'), 'utf8')
    expect(text).toMatch(/\[warn\]\s*\(shell\)\s*blocked a navigation/)
    expect(text).toMatch(/\[error\]\s*\(core\)\s*upload failed/)
    expect(text).toContain('ECONNREFUSED')
  })

  it('caps each file and keeps only the newest few', () => {
    const dir = tempDir()
    const log = fileLog(dir, { maxBytes: 600, keep: 3 })
    for (let i = 0; i < 60; i++) log.shell.info(`line ${String(i).padStart(3, '0')} ${'x'.repeat(60)}`)
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const name of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, name)).size).toBeLessThan(600 + 200)
    expect(fs.readFileSync(path.join(dir, 'main.log'), 'utf8')).toContain('line 059')
    // The oldest lines are gone for good; the newest older file holds what came just before main.log.
    expect(fs.readdirSync(dir).some((n) => fs.readFileSync(path.join(dir, n), 'utf8').includes('line 000'))).toBe(false)
  })

  it('rotation shifts numbered files up and drops the oldest', () => {
    const dir = tempDir()
    for (const [name, body] of [['main.log', 'now'], ['main.1.log', 'one'], ['main.2.log', 'two']]) {
      fs.writeFileSync(path.join(dir, name as string), body as string)
    }
    rotateLogFiles(path.join(dir, 'main.log'), 3)
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log'])
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('now')
    expect(fs.readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('one')
  })
})

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOG_TAIL_BYTES } from '../../electron/core/system/diagnostics-package'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { testCore } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

/**
 * The log folder holds what the logger wrote, and sometimes more: an unpacked old package, a folder someone made,
 * a link left by hand. The package takes only the plain log files in it, and is still made when anything else is
 * there: the day IT needs it is the day something on that PC is odd.
 */
describe('Lưu gói chẩn đoán with an odd log folder', () => {
  it.runIf(process.platform !== 'win32')('takes plain *.log files only: no link followed, no folder, no unsafe name', async () => {
    const dataDir = tempDir()
    const logDir = tempDir()
    fs.writeFileSync(path.join(logDir, 'main.log'), 'hub started\n')
    fs.mkdirSync(path.join(logDir, 'old.log'))
    const secret = path.join(tempDir(), 'device.key')
    fs.writeFileSync(secret, 'SECRET-BEHIND-A-LINK')
    fs.symlinkSync(secret, path.join(logDir, 'link.log'))
    fs.writeFileSync(path.join(logDir, '..\\escape.log'), 'backslash name\n')
    const core = testCore({ dataDir, pinCost: cheapCost, diagnostics: { logDir } })
    await loginAdmin(core)

    const result = await call(core, 'diagnostics:package', {})
    if (!result.saved) throw new Error('expected the package to be saved')
    const listing = execFileSync('unzip', ['-Z1', result.file]).toString().trim().split('\n').sort()
    expect(listing.filter((name) => name.startsWith('logs/'))).toEqual(['logs/main.log'])
    expect(fs.readFileSync(result.file).toString('latin1')).not.toContain('SECRET-BEHIND-A-LINK')
    expect(execFileSync('unzip', ['-p', result.file]).toString('latin1')).not.toContain('SECRET-BEHIND-A-LINK')
  })

  it('keeps the newest part of a log that grew past the limit', async () => {
    const logDir = tempDir()
    const head = 'OLDEST-LINE\n'
    const tail = 'NEWEST-LINE\n'
    const filler = 'x'.repeat(LOG_TAIL_BYTES - tail.length + 100)
    fs.writeFileSync(path.join(logDir, 'main.log'), head + filler + tail)
    const core = testCore({ dataDir: tempDir(), pinCost: cheapCost, diagnostics: { logDir } })
    await loginAdmin(core)
    const result = await call(core, 'diagnostics:package', {})
    if (!result.saved) throw new Error('expected the package to be saved')
    const log = execFileSync('unzip', ['-p', result.file, 'logs/main.log'], { maxBuffer: 8 << 20 }).toString('latin1')
    expect(log.length).toBe(LOG_TAIL_BYTES)
    expect(log.endsWith(tail)).toBe(true)
    expect(log).not.toContain('OLDEST-LINE')
  })
})

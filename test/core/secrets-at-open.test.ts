import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import type { SecretStore } from '../../electron/core/device/secret-store'
import { fixedClock, resourcesDir } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

/** This process's open file descriptors on `file` (Linux /proc): how a connection left open shows. */
const openHandles = (file: string) =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(path.join('/proc/self/fd', fd)) === file
    } catch {
      return false
    }
  }).length

describe('a secret that cannot be opened at start', () => {
  it.runIf(process.platform === 'linux')('leaves no database connection behind (the shell tries again every 30 s)', () => {
    const dataDir = tempDir()
    const secrets: SecretStore = {
      getOrCreate: (name) => {
        if (name === 'pin-pepper') throw new Error('sealed by a keychain that is gone')
        return Buffer.alloc(32, 1)
      },
    }
    const open = () =>
      createCore({ dataDir, resourcesDir, shell: 'electron', appVersion: '1.0.0', clock: fixedClock(), secrets, log: { error: () => {}, info: () => {} } })
    for (let i = 0; i < 3; i++) expect(open).toThrow(/keychain that is gone/)
    expect(openHandles(path.join(dataDir, 'kiosk.db'))).toBe(0)
  })
})

import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { z } from 'zod'
import type { SyncStatus, UploadConfig } from '../../../shared/schemas/sync'
import { getSetting, putSetting } from '../../../electron/core/config/config-repo'
import { createCore, DB_FILE_NAME } from '../../../electron/core/core'
import { fileSecretStore } from '../../../electron/core/device/secret-store'
import { openDatabase, type Db } from '../../../electron/core/db/open'
import { newGenesisKey } from '../../../shared/protocol/chain'
import { chainVault } from '../../../electron/core/ratings/chain-seal'
import { createUploader, type Uploader } from '../../../electron/core/upload/uploader'
import { fixedClock, resourcesDir } from '../../helpers/core'
import { tempDir } from '../../helpers/temp-dir'
import { ratingWriter } from './rate'

export type FixedClock = ReturnType<typeof fixedClock>

export interface Kiosk {
  readonly dir: string
  readonly dbFile: string
  readonly clock: FixedClock
  readonly deviceId: string
  readonly secret: Buffer
  db: Db
  uploader: Uploader
  /** Writes `count` ratings through rating-service (each for its own completed ticket); returns their uuids. */
  rate(count: number, options?: { stepMs?: number; perTransaction?: number }): string[]
  /** Points the kiosk at a collector with a fresh enrollment token. */
  connect(collector: { url: string; createEnrollmentToken(label: string): string }, config?: Partial<UploadConfig>): void
  /** What a crash does to a process: the uploader and the connection are gone; a new process opens the file. */
  restart(): void
  uuidsInState(state: 'pending' | 'sent' | 'dead'): string[]
  close(): void
}

const open: Kiosk[] = []

afterEach(() => {
  for (const kiosk of open.splice(0)) kiosk.close()
})

/** A database made once per test process by the real core (migrations, demo centre, device id, chain). */
let template: string | null = null

function templateFile(): string {
  if (template !== null) return template
  // Outlives the tests (tempDir is emptied after each one); removed when the test process exits.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-template-'))
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  const core = createCore({
    dataDir: dir,
    resourcesDir,
    shell: 'web',
    appVersion: '0.0.0-test',
    clock: fixedClock(),
    log: { error: () => {}, info: () => {} },
  })
  core.close()
  template = path.join(dir, DB_FILE_NAME)
  return template
}

/**
 * A kiosk's database and uploader on real files: a copy of the template (database and device secret, so the
 * chain is already started from that secret) with a device id of its own, the real uploader, real ratings. The
 * copy saves the model test a core start per sequence. `dir` may be given to reopen a kiosk.
 */
export function testKiosk(
  options: { clock?: FixedClock; random?: () => number; dir?: string; onStatus?: (status: SyncStatus) => void } = {},
): Kiosk {
  const clock = options.clock ?? fixedClock()
  const dir = options.dir ?? tempDir('kiosk-')
  const dbFile = path.join(dir, DB_FILE_NAME)
  if (!fs.existsSync(dbFile)) {
    const from = templateFile()
    fs.copyFileSync(from, dbFile)
    fs.cpSync(path.join(path.dirname(from), 'secrets'), path.join(dir, 'secrets'), { recursive: true })
    const db = openDatabase(dbFile, clock).db
    putSetting(db, 'device', { deviceId: crypto.randomUUID() })
    // A chain of its own too: a new random key_1, as a new kiosk would make (the template's is shared), sealed
    // as the kiosk keeps it.
    const key1 = newGenesisKey()
    const vault = chainVault(fileSecretStore(path.join(dir, 'secrets')).getOrCreate('device', 32))
    db.prepare('UPDATE chain_head SET key = ? WHERE seq = 0').run(vault.seal(key1, 'head'))
    db.prepare('UPDATE chain_genesis SET key = ?').run(vault.seal(key1, 'genesis'))
    db.close()
  }
  const secret = fileSecretStore(path.join(dir, 'secrets')).getOrCreate('device', 32)
  const openDb = () => openDatabase(dbFile, clock).db
  const makeUploader = (db: Db) =>
    createUploader({
      db,
      clock,
      deviceId,
      deviceSecret: secret,
      appVersion: '0.0.0-test',
      log: { error: () => {}, info: () => {} },
      ...(options.random ? { random: options.random } : {}),
      ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    })
  let db = openDb()
  const deviceId = getSetting(db, 'device').deviceId
  let closed = false

  const kiosk: Kiosk = {
    dir,
    dbFile,
    clock,
    deviceId,
    secret,
    db,
    uploader: makeUploader(db),
    rate(count, { stepMs = 1000, perTransaction = 200 } = {}) {
      const writer = ratingWriter(kiosk.db, clock, deviceId, secret, stepMs)
      const uuids: string[] = []
      for (let done = 0; done < count; done += perTransaction) {
        const n = Math.min(perTransaction, count - done)
        // Many ratings per transaction: one fsync each would make the week-offline test a minute long.
        kiosk.db.transaction(() => {
          for (let i = 0; i < n; i++) uuids.push(writer.one(done + i))
        })()
      }
      return uuids
    },
    connect(collector, config = {}) {
      putSetting(kiosk.db, 'upload', {
        enabled: true,
        endpoint: collector.url,
        intervalSeconds: 60,
        timeoutSeconds: 5,
        heartbeatSeconds: 300,
        enrollmentToken: collector.createEnrollmentToken('test kiosk'),
        label: 'Kiosk thử nghiệm',
        ...config,
      })
    },
    restart() {
      kiosk.uploader.close()
      kiosk.db.close()
      db = openDb()
      kiosk.db = db
      kiosk.uploader = makeUploader(db)
    },
    uuidsInState(state) {
      return z
        .array(z.uuid())
        .parse(
          kiosk.db
            .prepare('SELECT r.uuid FROM outbox o JOIN ratings r ON r.id = o.ref_id WHERE o.state = ? ORDER BY r.seq')
            .pluck()
            .all(state),
        )
    },
    close() {
      if (closed) return
      closed = true
      kiosk.uploader.close()
      kiosk.db.close()
    },
  }
  open.push(kiosk)
  return kiosk
}

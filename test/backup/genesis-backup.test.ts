import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Core } from '../../electron/core/core'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { chainVault } from '../../electron/core/ratings/chain-seal'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, testCore } from '../helpers/core'
import { insertServedTicket } from '../helpers/tickets'
import { tempDir } from '../helpers/temp-dir'
import { testCollector, type TestCollector } from '../upload/helpers/collector'

/** Reads one query's rows from a database file on a connection of its own (closed at once). */
function query(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const genesisKey = (file: string): string | null => {
  const rows = z.array(z.strictObject({ key: z.string() })).parse(query(file, 'SELECT key FROM chain_genesis'))
  return rows[0]?.key ?? null
}

/** key_1 as the file stores it (sealed) and as it is (hex), opened with the kiosk's own secret. */
interface Genesis {
  sealed: string
  key: string
}

/** Whether the file's bytes (or its -wal) hold the sealed key_1 — or key_1 itself, as hex text or raw bytes. */
function holdsKeyBytes(file: string, genesis: Genesis): boolean {
  return holdsPlainKey(file, genesis) || holds(file, Buffer.from(genesis.sealed, 'ascii'))
}

/** Whether key_1 itself is in the file: never, not even before enrollment (it is stored sealed only). */
function holdsPlainKey(file: string, genesis: Genesis): boolean {
  return holds(file, Buffer.from(genesis.key, 'ascii')) || holds(file, Buffer.from(genesis.key, 'hex'))
}

function holds(file: string, needle: Buffer): boolean {
  return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(needle))
}

const uploadConfig = (endpoint: string, enrollmentToken: string) => ({
  enabled: true,
  endpoint,
  intervalSeconds: 60,
  timeoutSeconds: 5,
  heartbeatSeconds: 300,
  enrollmentToken,
  label: 'Quầy 1',
})

/**
 * One rating (until the first one, the chain head's key *is* key_1), then an admin session and the upload pointed
 * at `collector` with a fresh token. Answers key_1, still on the kiosk.
 */
async function prepare(core: Core, collector: TestCollector, now: number): Promise<Genesis> {
  const ticket = insertServedTicket(core.dbFile, { counterNumber: 1, completedAt: now })
  const rating = { ticketUid: ticket.uid, counterId: null, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
  await call(core, 'rating:submit', rating)
  await loginAdmin(core)
  const token = collector.createEnrollmentToken('t')
  await call(core, 'sync:configure', { config: uploadConfig(collector.url, token), clearToken: false })
  const sealed = genesisKey(core.dbFile)
  if (sealed === null) throw new Error('a new kiosk has its genesis key')
  const secret = fileSecretStore(path.join(path.dirname(core.dbFile), 'secrets')).getOrCreate('device', 32)
  return { sealed, key: chainVault(secret).open(sealed, 'genesis') }
}

async function enroll(core: Core): Promise<void> {
  const status = await call(core, 'sync:now', {})
  expect(status).toMatchObject({ state: 'idle', lastError: null })
}

describe('the genesis key and backups', () => {
  it('enrollment removes it from every earlier backup; backups after enrollment never hold it', async () => {
    const clock = fixedClock()
    const dataDir = tempDir()
    const usb = tempDir('usb-')
    const unplugged = tempDir('unplugged-')
    const core = testCore({ dataDir, clock, pinCost: cheapCost })
    const collector = await testCollector(clock)
    const key = await prepare(core, collector, clock.now())

    const inBackups = (await call(core, 'backup:now', { folder: null })).file
    clock.advance(1000)
    const onUsb = (await call(core, 'backup:now', { folder: usb })).file
    clock.advance(1000)
    const gone = (await call(core, 'backup:now', { folder: unplugged })).file
    fs.rmSync(unplugged, { recursive: true, force: true }) // the stick was taken away before the kiosk enrolled
    // The check below can fail: before enrollment the backups do hold the key, in their bytes too.
    for (const file of [inBackups, onUsb]) {
      expect(genesisKey(file)).toBe(key.sealed)
      expect(holdsKeyBytes(file, key)).toBe(true)
      expect(holdsPlainKey(file, key)).toBe(false)
    }

    await enroll(core)
    clock.advance(1000)
    // "Backup now" waits for the cleaning (one backup service job at a time), so this also orders the test.
    const after = (await call(core, 'backup:now', { folder: null })).file

    expect(genesisKey(core.dbFile)).toBeNull()
    for (const file of [inBackups, onUsb, after]) {
      expect(genesisKey(file), file).toBeNull()
      expect(holdsKeyBytes(file, key), file).toBe(false)
      expect(query(file, 'PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }])
      expect(query(file, 'SELECT count(*) AS n FROM ratings')).toEqual([{ n: 1 }]) // the data itself is intact
    }
    // The copy the kiosk could not reach is named for IT; the enrollment itself went through.
    const events = z
      .array(z.strictObject({ detail: z.string() }))
      .parse(query(core.dbFile, "SELECT detail FROM system_events WHERE kind = 'backup.genesis_not_removed'"))
    expect(events.map((e) => z.looseObject({ file: z.string() }).parse(JSON.parse(e.detail)).file)).toEqual([gone])
  })

  it('restoring a backup that still holds the key into an enrolled kiosk does not bring the key back', async () => {
    const clock = fixedClock()
    const dataDir = tempDir()
    const aside = tempDir('aside-')
    const core = testCore({ dataDir, clock, pinCost: cheapCost })
    const collector = await testCollector(clock)
    const key = await prepare(core, collector, clock.now())
    // Taken after the upload was configured (token and all) but before the kiosk enrolled, and kept where the
    // kiosk does not know of it; IT later puts it back into the backups folder.
    const old = (await call(core, 'backup:now', { folder: aside })).file
    const name = 'kiosk-manual-20200101-000000.db'
    fs.renameSync(old, path.join(aside, name))
    await enroll(core)
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true })
    fs.copyFileSync(path.join(aside, name), path.join(dataDir, 'backups', name))
    expect(genesisKey(path.join(dataDir, 'backups', name))).toBe(key.sealed)

    await loginAdmin(core)
    await call(core, 'backup:restore', { name, confirm: true })

    expect(genesisKey(core.dbFile)).toBeNull()
    expect(holdsKeyBytes(core.dbFile, key)).toBe(false)
    // The enrollment survives the restore: the next round uploads instead of trying to enroll without key_1.
    const [state] = z.array(z.strictObject({ value: z.string() })).parse(query(core.dbFile, 'SELECT value FROM upload_state'))
    expect(JSON.parse(state?.value ?? '{}')).toMatchObject({ enrolledAt: collector.url })
    await loginAdmin(core)
    expect(await call(core, 'sync:config', {})).toMatchObject({ hasEnrollmentToken: false })
    await enroll(core)
  })
})

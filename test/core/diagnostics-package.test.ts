import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'
import { tempDir } from '../helpers/temp-dir'

/** A 32-byte secret whose bytes spell a marker, so it can be looked for as text, base64, base64url and hex. */
const marked = (label: string) => Buffer.from(`MK-${label}-${crypto.randomBytes(16).toString('hex')}`.slice(0, 32))
const forms = (secret: Buffer) => [
  secret.toString('latin1'),
  secret.toString('base64'),
  secret.toString('base64url'),
  secret.toString('hex'),
]

/** Every secret the kiosk keeps, each seeded with a marker in the place it really lives. */
function seedSecrets(dataDir: string) {
  const secrets = { device: marked('device'), pepper: marked('pepper'), tlsSeal: marked('tls-seal') }
  const dir = path.join(dataDir, 'secrets')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'device.key'), secrets.device.toString('base64'))
  fs.writeFileSync(path.join(dir, 'pin-pepper.key'), secrets.pepper.toString('base64'))
  fs.writeFileSync(path.join(dir, 'hub-tls-seal.key'), secrets.tlsSeal.toString('base64'))
  const tlsKey = marked('tls-private-key')
  fs.mkdirSync(path.join(dataDir, 'lan'))
  fs.writeFileSync(path.join(dataDir, 'lan', 'hub-key.sealed'), `-----BEGIN PRIVATE KEY-----\n${tlsKey.toString('latin1')}\n`)
  return { ...secrets, tlsKey }
}

/** The secrets inside the database: PIN hash and salt, chain keys, pairing and device credential hashes, the token. */
function seedDatabaseSecrets(dbFile: string) {
  const s = {
    pinHash: marked('pin-hash'),
    pinSalt: marked('pin-salt'),
    chainKey: marked('chain-key'),
    genesis: marked('chain-genesis'),
    pairing: marked('pairing-secret'),
    credential: marked('device-credential'),
    token: marked('enrollment-token'),
  }
  const db = new Database(dbFile)
  try {
    db.prepare('UPDATE staff_accounts SET pin_hash = ?, pin_salt = ?').run(s.pinHash.toString('hex'), s.pinSalt.toString('hex'))
    // Stored sealed (`v1.` + …, chain-seal.ts; a trigger refuses anything else): the marker stands for the sealed text.
    db.prepare('UPDATE chain_head SET key = ?').run(`v1.${s.chainKey.toString('hex')}`)
    db.prepare('INSERT OR REPLACE INTO chain_genesis (id, key) VALUES (1, ?)').run(`v1.${s.genesis.toString('hex')}`)
    db.prepare(
      `INSERT INTO devices (id, role, counter_id, name, credential_hash, app_version, address, paired_at)
       VALUES ('00000000-0000-4000-8000-000000000001', 'board', NULL, 'TV', ?, '1.0.0', '127.0.0.1', 0)`,
    ).run(s.credential)
    db.prepare(
      `INSERT INTO pairing_codes (secret_hash, role, counter_id, created_at, expires_at) VALUES (?, 'lobby', NULL, 0, 1)`,
    ).run(s.pairing)
    const upload = { enabled: false, endpoint: null, intervalSeconds: 60, timeoutSeconds: 15, heartbeatSeconds: 300, label: 'x' }
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('upload', ?)").run(
      JSON.stringify({ ...upload, enrollmentToken: s.token.toString('latin1') }),
    )
  } finally {
    db.close()
  }
  return s
}

const unzip = (file: string, ...args: string[]) => execFileSync('unzip', [...args, file], { maxBuffer: 64 << 20 })
const entry = (file: string, name: string): unknown => JSON.parse(execFileSync('unzip', ['-p', file, name]).toString())

describe('Lưu gói chẩn đoán (diagnostics package)', () => {
  it('holds versions, database statistics, configuration and logs — and none of the kiosk’s secrets', async () => {
    const dataDir = tempDir()
    const logDir = tempDir()
    fs.writeFileSync(path.join(logDir, 'main.log'), '[2026-11-26 09:00:00.000] [info] hub started\n')
    fs.writeFileSync(path.join(logDir, 'main.1.log'), '[2026-11-25 09:00:00.000] [info] older\n')
    const files = seedSecrets(dataDir)
    const core = testCore({ dataDir, pinCost: cheapCost, diagnostics: { logDir, shellConfig: { nightlyRestart: '03:00' } } })
    await loginAdmin(core)
    const inDb = seedDatabaseSecrets(core.dbFile)

    const result = await call(core, 'diagnostics:package', {})
    if (!result.saved) throw new Error('expected the package to be saved')
    expect(path.dirname(result.file)).toBe(path.join(dataDir, 'diagnostics'))
    expect(result.file).toMatch(/chan-doan-[0-9a-f]{8}-20261126-0200\.zip$/)
    expect(fs.statSync(result.file).size).toBe(result.bytes)

    const listing = unzip(result.file, '-Z1').toString().trim().split('\n').sort()
    expect(listing).toEqual([
      'configuration.json',
      'database.json',
      'logs/main.1.log',
      'logs/main.log',
      'system-events.json',
      'versions.json',
    ])
    expect(entry(result.file, 'versions.json')).toMatchObject({ app: { version: '0.0.0-test', schemaVersion: expect.any(Number) } })
    const stats = entry(result.file, 'database.json') as { rows: Record<string, number>; outbox: unknown; schemaVersion: number }
    expect(stats.rows['staff_accounts']).toBe(1)
    expect(stats.rows['devices']).toBe(1)
    expect(stats.outbox).toEqual({ pending: 0, sent: 0, dead: 0 })
    expect(stats.schemaVersion).toBeGreaterThan(10)
    expect(entry(result.file, 'configuration.json')).toMatchObject({
      centre: { upload: { hasEnrollmentToken: true, label: 'x' } },
      shell: { nightlyRestart: '03:00' },
    })
    expect(execFileSync('unzip', ['-p', result.file, 'logs/main.log']).toString()).toContain('hub started')

    // The whole package, as stored and as unpacked, searched for every secret in every spelling.
    const haystacks = [fs.readFileSync(result.file).toString('latin1'), unzip(result.file, '-p').toString('latin1')]
    const seeded = { ...files, ...inDb }
    for (const [what, secret] of Object.entries(seeded)) {
      for (const form of forms(secret)) {
        for (const hay of haystacks) expect(hay.includes(form), `${what} (${form}) is in the package`).toBe(false)
      }
    }
    // Sanity of the search itself: a marker that is in the package is found.
    expect(haystacks[1]?.includes('hub started')).toBe(true)

    const audit = new Database(core.dbFile, { readonly: true })
    try {
      expect(audit.prepare("SELECT count(*) FROM audit_log WHERE action = 'diagnostics.package'").pluck().get()).toBe(1)
    } finally {
      audit.close()
    }
  })

  it('goes where the shell puts it; IT cancelling the save dialog writes nothing and audits nothing', async () => {
    const saved: { name: string; zip: Buffer }[] = []
    let answer: string | null = null
    const core = testCore({
      pinCost: cheapCost,
      diagnostics: {
        save: (name, zip) => {
          saved.push({ name, zip })
          return Promise.resolve(answer)
        },
      },
    })
    await loginAdmin(core)
    expect(await call(core, 'diagnostics:package', {})).toEqual({ saved: false })
    answer = '/media/usb/chan-doan.zip'
    const result = await call(core, 'diagnostics:package', {})
    expect(result).toEqual({ saved: true, file: '/media/usb/chan-doan.zip', bytes: saved[1]?.zip.length })
    expect(saved[1]?.zip.subarray(0, 2).toString()).toBe('PK')
  })

  it('is IT only: a citizen screen is refused before anything is built', async () => {
    const dataDir = tempDir()
    const core = testCore({ dataDir })
    const result = await core.invoke('diagnostics:package', {}, TEST_CLIENT)
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(fs.existsSync(path.join(dataDir, 'diagnostics'))).toBe(false)
  })
})

import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../electron/core/clock'
import { createCore } from '../../electron/core/core'
import { fileSecretStore } from '../../electron/core/device/secret-store'
import { defaultRatingForm } from '../../electron/core/ratings/default-forms'
import { loadOrCreateHubIdentity } from '../../electron/lan/tls-identity'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { fixedClock, resourcesDir, TEST_CLIENT } from '../helpers/core'
import { freePort } from '../helpers/free-port'
import { tempDir } from '../helpers/temp-dir'
import { onCleanup } from './helpers'
import { unpairedClient } from './lan-fixture'

const hubBundle = path.resolve(__dirname, '../../out/main/hub.js')

async function runHub(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [hubBundle, '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1', '--no-announce'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  onCleanup(() => void child.kill('SIGKILL'))
  const lines = createInterface({ input: child.stdout ?? process.stdin })
  await new Promise<void>((resolve, reject) => {
    lines.once('line', () => resolve())
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)))
  })
  return child
}

describe('hub killed with SIGKILL mid-rating', () => {
  it('the client retries with the same key against the restarted hub: exactly one row, and the receipt', async () => {
    const dataDir = tempDir()
    const secrets = fileSecretStore(path.join(dataDir, 'secrets'))
    const identity = await loadOrCreateHubIdentity({ dataDir, secrets, clock: fixedClock() })
    const port = await freePort()
    // Prepared with the hub stopped: an admin, a counter that takes ratings without a ticket, a pairing code.
    const setup = createCore({
      dataDir,
      resourcesDir,
      shell: 'web',
      appVersion: 'test',
      secrets,
      // The hub process runs on the PC's clock, so the code it will redeem is dated by the same clock. Nothing
      // asserted below depends on the time.
      clock: systemClock,
      pinCost: cheapCost,
      log: { error: () => {}, info: () => {} },
      lan: { addresses: ['127.0.0.1'], port, spki: identity.spki },
    })
    await loginAdmin(setup)
    await call(setup, 'admin:saveRatingForm', { form: { ...defaultRatingForm(3), anonymousCounterIds: [1] } })
    const ticket = await call(setup, 'devices:pairStart', { role: 'lobby', counterId: null })
    setup.close()

    let hub = await runHub(dataDir, port)
    const { client } = unpairedClient('Kiosk sảnh 2', { appVersion: 'test', maxReconnectDelayMs: 200, retryForMs: 60_000 })
    const paired = await client.invoke('link:pair', { code: ticket.qrText }, TEST_CLIENT)
    expect(paired, JSON.stringify(paired)).toMatchObject({ ok: true })

    const rating = { ticketUid: null, counterId: 1, levelKey: 'satisfied', reasons: [], comment: '', language: 'vi' }
    const pending = client.invoke('rating:submit', rating, TEST_CLIENT)
    hub.kill('SIGKILL') // before, during or just after the write: whichever, the outcome must be the same
    await new Promise((resolve) => hub.once('exit', resolve))
    hub = await runHub(dataDir, port)
    const result = await pending
    expect(result).toMatchObject({ ok: true, value: { seq: 1 } })
    hub.kill('SIGKILL')
    await new Promise((resolve) => hub.once('exit', resolve))
    const db = new Database(path.join(dataDir, 'kiosk.db'), { readonly: true })
    try {
      expect(db.prepare('SELECT count(*) FROM ratings').pluck().get()).toBe(1)
      expect(db.prepare('SELECT uuid FROM ratings').pluck().get()).toBe(result.ok ? (result.value as { uuid: string }).uuid : '')
    } finally {
      db.close()
    }
  }, 60_000)
})

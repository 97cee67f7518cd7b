/**
 * `npm run bench` — timing goals for the upload path, printed as JSON (timing never goes into tests).
 * Goal: a week offline (42 000 ratings) reaches a collector on the same machine in under 30 s.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startCollector } from '../electron/collector/server'
import { putSetting, getSetting } from '../electron/core/config/config-repo'
import { createCore, DB_FILE_NAME } from '../electron/core/core'
import { fileSecretStore } from '../electron/core/device/secret-store'
import { openDatabase } from '../electron/core/db/open'
import { createUploader } from '../electron/core/upload/uploader'
import { bulkRatings } from '../test/upload/helpers/bulk'
import { ratingWriter, steppingClock } from '../test/upload/helpers/rate'

const RATINGS = Number(process.env.BENCH_RATINGS ?? 42_000)
const GOAL_MS = 30_000

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'))
  try {
    const clock = steppingClock(Date.now())
    const quiet = { error: () => {}, info: () => {} }
    createCore({ dataDir: dir, resourcesDir: path.resolve('resources'), shell: 'web', appVersion: 'bench', clock, log: quiet }).close()
    const { db } = openDatabase(path.join(dir, DB_FILE_NAME), clock)
    const deviceId = getSetting(db, 'device').deviceId

    const secret = fileSecretStore(path.join(dir, 'secrets')).getOrCreate('device', 32)
    const writer = ratingWriter(db, clock, deviceId, secret, 0)
    let t = performance.now()
    for (let i = 0; i < 200; i++) writer.one(i)
    const submitMs = (performance.now() - t) / 200

    bulkRatings(db, secret, deviceId, RATINGS, clock.now(), 14_000)
    const collector = await startCollector({ dbFile: path.join(dir, 'collector.db') })
    putSetting(db, 'upload', {
      enabled: true,
      endpoint: collector.url,
      intervalSeconds: 60,
      timeoutSeconds: 15,
      heartbeatSeconds: 300,
      enrollmentToken: collector.createEnrollmentToken('bench'),
      label: 'bench',
    })
    const uploader = createUploader({ db, clock, deviceId, deviceSecret: secret, appVersion: 'bench', log: quiet })
    t = performance.now()
    const result = await uploader.flush('manual')
    const uploadMs = performance.now() - t
    await collector.close()
    db.close()
    process.stdout.write(
      `${JSON.stringify({
        bench: 'upload',
        ratings: RATINGS + 200,
        result,
        uploadMs: Math.round(uploadMs),
        ratingsPerSecond: Math.round(((RATINGS + 200) / uploadMs) * 1000),
        submitRatingMs: Number(submitMs.toFixed(3)),
        goalMs: GOAL_MS,
        ok: result === 'done' && uploadMs < GOAL_MS,
      })}\n`,
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()

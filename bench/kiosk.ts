import path from 'node:path'
import { getSetting } from '../electron/core/config/config-repo'
import { createCore, DB_FILE_NAME } from '../electron/core/core'
import { fileSecretStore } from '../electron/core/device/secret-store'
import { openDatabase, type Db } from '../electron/core/db/open'
import { steppingClock, type SteppingClock } from '../test/upload/helpers/rate'

/** A fixed start (2025-06-02 08:00 Asia/Ho_Chi_Minh): the bench never depends on the machine's clock or zone. */
export const BENCH_START = Date.UTC(2025, 5, 2, 1)

export interface BenchKiosk {
  dir: string
  file: string
  db: Db
  clock: SteppingClock
  deviceId: string
  secret: Buffer
}

const quiet = { error: () => {}, info: () => {} }

/** A kiosk's data folder set up by the real core (schema, demo centre, chain), then its database opened directly. */
export function benchKiosk(dir: string, start = BENCH_START): BenchKiosk {
  const clock = steppingClock(start)
  createCore({ dataDir: dir, resourcesDir: path.resolve('resources'), shell: 'web', appVersion: 'bench', clock, log: quiet }).close()
  const file = path.join(dir, DB_FILE_NAME)
  const { db } = openDatabase(file, clock)
  const deviceId = getSetting(db, 'device').deviceId
  const secret = fileSecretStore(path.join(dir, 'secrets')).getOrCreate('device', 32)
  return { dir, file, db, clock, deviceId, secret }
}

export const quietLog = quiet

import path from 'node:path'
import { startCollector } from '../../electron/collector/server'
import { putSetting } from '../../electron/core/config/config-repo'
import { createUploader } from '../../electron/core/upload/uploader'
import { bulkRatings } from '../../test/upload/helpers/bulk'
import { round, type Figure } from '../harness'
import { benchKiosk, quietLog } from '../kiosk'

const RATINGS = Number(process.env.BENCH_RATINGS ?? 42_000)
const GOAL_MS = 30_000

/** The original upload bench: a week offline (42 000 ratings) reaches a collector on this machine in under 30 s. */
export const weekOffline: Figure = {
  id: 'week-offline',
  async run(ctx) {
    const k = benchKiosk(ctx.scratch('week'))
    bulkRatings(k.db, k.secret, k.deviceId, RATINGS, k.clock.now(), 14_000)
    const collector = await startCollector({ dbFile: path.join(k.dir, 'collector.db') })
    try {
      putSetting(k.db, 'upload', {
        enabled: true,
        endpoint: collector.url,
        intervalSeconds: 60,
        timeoutSeconds: 15,
        heartbeatSeconds: 300,
        enrollmentToken: collector.createEnrollmentToken('bench'),
        label: 'bench',
      })
      const uploader = createUploader({ db: k.db, clock: k.clock, deviceId: k.deviceId, deviceSecret: k.secret, appVersion: 'bench', log: quietLog })
      const t = performance.now()
      const result = await uploader.flush('manual')
      const uploadMs = performance.now() - t
      return [
        {
          id: 'week-offline',
          title: `a week offline (${RATINGS} ratings) uploaded to the reference collector`,
          unit: 'ms',
          value: Math.round(uploadMs),
          baseline: null,
          ratio: null,
          goal: `≤ ${GOAL_MS} ms`,
          met: result === 'done' && uploadMs < GOAL_MS,
          raw: { ratings: RATINGS, result, uploadMs: round(uploadMs, 1), ratingsPerSecond: Math.round((RATINGS / uploadMs) * 1000) },
        },
      ]
    } finally {
      await collector.close()
      k.db.close()
    }
  },
}

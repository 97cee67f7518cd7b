import { spawn } from 'node:child_process'
import path from 'node:path'
import { z } from 'zod'
import type { Figure } from '../harness'

// What bench/lan.bench.ts prints: one JSON line.
const LanResultSchema = z.object({
  boardClients: z.number(),
  calls: z.number(),
  callToAllBoardsMs: z.object({ p50: z.number(), p95: z.number(), max: z.number() }),
  goalP95Ms: z.number(),
  hubRssMb: z.record(z.string(), z.number()),
  ok: z.boolean(),
})

/**
 * The centre network's figure: a console's call until every one of 40 board clients heard it, and the hub's memory
 * with 100 clients. It runs bench/lan.bench.ts in its own process — the hub is a third process there — so this
 * bench's heap and timers do not disturb it.
 */
export const centreNetwork: Figure = {
  id: 'centre-network',
  async run(ctx) {
    const line = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.resolve('node_modules/jiti/lib/jiti-cli.mjs'), path.resolve('bench/lan.bench.ts')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      let err = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`lan bench exited ${code}: ${err.slice(-2000)}`))))
    })
    const result = LanResultSchema.parse(JSON.parse(line))
    ctx.log(`centre network: p95 ${result.callToAllBoardsMs.p95} ms`)
    return [
      {
        id: 'centre-network-call-to-boards',
        title: `console call → all ${result.boardClients} board clients received it (plain Node, before paint), p95 over ${result.calls} calls`,
        unit: 'ms',
        value: result.callToAllBoardsMs.p95,
        baseline: null,
        ratio: result.callToAllBoardsMs.p95 / result.goalP95Ms,
        ratioMeaning: 'p95 / goal',
        goal: `p95 ≤ ${result.goalP95Ms} ms`,
        met: result.ok,
        raw: { ...result.callToAllBoardsMs, hubRssMb: result.hubRssMb },
        notes: 'The paint in Chromium comes on top of this; hub memory is its resident set size (outside the process).',
      },
    ]
  },
}

import { spawn } from 'node:child_process'
import path from 'node:path'
import { z } from 'zod'
import type { Figure } from '../harness'

// What bench/lan.bench.ts prints: one JSON line.
const Spread = z.object({ p50: z.number(), p95: z.number(), max: z.number() })
const LanResultSchema = z.object({
  boardClients: z.number(),
  connectedClients: z.number(),
  calls: z.number(),
  callToBoardPaintedMs: Spread,
  callToNodeBoardsMs: Spread,
  goalP95Ms: z.number(),
  hubRssMb: z.record(z.string(), z.number()),
  ok: z.boolean(),
})

/**
 * The centre network's figure: a console's call until a board client painted it in Chromium (40 board clients
 * timed, 100 connected), and the hub's memory with 100 clients. It runs bench/lan.bench.ts in its own process —
 * the hub, the board's web host and Chromium are more processes there — so this bench's heap and timers do not
 * disturb it.
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
    ctx.log(`centre network: painted p95 ${result.callToBoardPaintedMs.p95} ms`)
    return [
      {
        id: 'centre-network-call-to-board-painted',
        title: `console call → board client painted it in Chromium (${result.boardClients} boards timed, ${result.connectedClients} clients connected), p95 over ${result.calls} calls`,
        unit: 'ms',
        value: result.callToBoardPaintedMs.p95,
        baseline: null,
        ratio: result.callToBoardPaintedMs.p95 / result.goalP95Ms,
        ratioMeaning: 'p95 / goal',
        goal: `p95 ≤ ${result.goalP95Ms} ms`,
        met: result.ok,
        raw: { painted: result.callToBoardPaintedMs, allNodeBoardsReceived: result.callToNodeBoardsMs, hubRssMb: result.hubRssMb },
        notes:
          'Painted = the board page saw the new number, a requestAnimationFrame callback ran and a task after that frame reported to the bench (an upper bound). Hub memory is its resident set size (outside the process).',
      },
    ]
  },
}

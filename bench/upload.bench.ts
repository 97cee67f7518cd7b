/** The upload bench on its own (`BENCH_ONLY=week-offline npm run bench` gives the same figure in the full document). */
import os from 'node:os'
import { makeContext } from './harness'
import { weekOffline } from './figures/week-offline'

async function main(): Promise<void> {
  const ctx = makeContext(os.tmpdir())
  try {
    for (const figure of await weekOffline.run(ctx)) process.stdout.write(`${JSON.stringify(figure)}\n`)
  } finally {
    ctx.cleanup()
  }
}

void main()

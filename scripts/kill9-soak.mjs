// `npm run soak:kill9` — the kill -9 test with 100 iterations instead of the suite's 20 (a few minutes).
// KILL9_SEED=<seed> replays the kill points of a failed run (the test names its seed).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const result = spawnSync(process.execPath, [vitest, 'run', 'test/upload/kill9.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KILL9_ITERATIONS: process.env.KILL9_ITERATIONS ?? '100' },
})
process.exit(result.status ?? 1)

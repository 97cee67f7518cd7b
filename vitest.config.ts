import { defineConfig } from 'vitest/config'
import { findPgBin, PG_MISSING } from './test/helpers/pg-cluster'

/**
 * The collector's tests run twice: on its embedded SQLite file (in `unit`, with everything else) and on a throwaway
 * PostgreSQL (`collector-pg`, KIOSK_COLLECTOR_STORE=postgres). Without PostgreSQL the run fails — in CI always;
 * elsewhere KIOSK_SKIP_PG=1 leaves the PostgreSQL project out, and says so.
 */
const skipPg = process.env.CI === undefined && process.env.KIOSK_SKIP_PG === '1' && findPgBin() === null
if (skipPg) process.stderr.write(`\n[collector-pg] LEFT OUT (KIOSK_SKIP_PG=1): ${PG_MISSING}\n\n`)

/** The collector suite, and the upload tests that exercise the collector's intake (dedupe, conflicts, disputes). */
const collectorSuite = [
  'test/collector/**/*.test.ts',
  'test/upload/{answers,clock,concurrency,delivery,disputes,partial-ack,retry}.test.ts',
]

export default defineConfig({
  test: {
    environment: 'node',
    // better-sqlite3 is a native addon: separate processes keep each test file's handles apart.
    pool: 'forks',
    // A hang detector, not a goal. On CI's 2 cores, shared with the PostgreSQL project, Chromium and web hosts, tests
    // that take 5 s alone (200 upload rounds over real HTTP; a file's first core and its logins) took 10–20 s, and
    // one was stopped at 20 s mid-work: the unit project gets the room collector-pg already has.
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // What only PostgreSQL has (month partitions, retention) is tested in collector-pg alone.
          exclude: ['test/e2e/**', 'test/collector/postgres/**', 'node_modules/**'],
        },
      },
      ...(skipPg
        ? []
        : [
            {
              extends: true,
              test: {
                name: 'collector-pg',
                // Every statement is a round trip to a server process on the same 2 shared cores: the long upload
                // tests (hundreds of requests) need more room than on the in-process SQLite file.
                testTimeout: 60_000,
                include: [...collectorSuite, 'test/collector/postgres/**/*.test.ts'],
                exclude: ['node_modules/**'],
                globalSetup: ['test/helpers/pg-global-setup.ts'],
                env: { KIOSK_COLLECTOR_STORE: 'postgres' },
              },
            },
          ]),
    ],
  },
})

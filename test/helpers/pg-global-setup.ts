import type { TestProject } from 'vitest/node'
import { startCluster } from './pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's superuser URL. */
    pgUrl: string
  }
}

/**
 * Starts one throwaway PostgreSQL for the run of the collector-on-PostgreSQL project and stops it at the end. A
 * missing PostgreSQL fails the run here (vitest.config.ts leaves the project out only for KIOSK_SKIP_PG=1 outside CI).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster()
  project.provide('pgUrl', cluster.url)
  return () => cluster.stop()
}

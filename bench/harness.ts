/**
 * The bench's shape: each figure is one module that measures its own number and the baseline it is judged
 * against, in the same run and on the same machine, so a slow machine moves both and the ratio stays honest.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface Baseline {
  /** What was measured as the yardstick, in words. */
  what: string
  value: number | null
}

export interface FigureResult {
  id: string
  title: string
  unit: string
  /** The headline number (compared to the goal). */
  value: number | null
  baseline: Baseline | null
  /** value / baseline (or baseline / value for throughputs, say so in `ratioMeaning`). */
  ratio: number | null
  ratioMeaning?: string
  goal: string
  met: boolean | null
  /** Every raw number behind the headline, so a reader can recompute it. */
  raw: Record<string, unknown>
  notes?: string
}

export interface BenchContext {
  /** A fresh scratch folder for this figure, removed after the run. */
  scratch(name: string): string
  log(message: string): void
  /** Shared between figures (e.g. one 1M-rating database serves several figures). */
  cache: Map<string, unknown>
}

export interface Figure {
  id: string
  run(ctx: BenchContext): Promise<FigureResult[]>
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits))

export function machine(): Record<string, unknown> {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    tmpdir: os.tmpdir(),
  }
}

export function makeContext(root: string): BenchContext & { cleanup(): void } {
  const dirs: string[] = []
  return {
    scratch(name) {
      const dir = fs.mkdtempSync(path.join(root, `kiosk-bench-${name}-`))
      dirs.push(dir)
      return dir
    },
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
    cache: new Map(),
    cleanup() {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

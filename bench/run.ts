/**
 * `npm run bench`: every speed goal of the kiosk, measured with its baseline in the same run. Prints one JSON
 * document and writes it to bench/results/latest.json. Timing never goes into tests; this is where speed is checked.
 *
 * A figure is one module in `figures/`, added to FIGURES below. BENCH_ONLY=id1,id2 (or `npm run bench -- --only
 * id1,id2`) runs some of them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { machine, makeContext, type Figure, type FigureResult } from './harness'
import { backlogDrain } from './figures/backlog-drain'
import { centreNetwork } from './figures/centre-network'
import { chromiumFigures } from './figures/chromium'
import { collectorPg } from './figures/collector-pg'
import { citizenJs } from './figures/citizen-js'
import { eventLoop } from './figures/event-loop'
import { queries1m } from './figures/queries-1m'
import { ratingWrite } from './figures/rating-write'
import { weekOffline } from './figures/week-offline'

const FIGURES: Figure[] = [
  ratingWrite,
  backlogDrain,
  weekOffline,
  queries1m,
  eventLoop,
  citizenJs,
  chromiumFigures,
  centreNetwork,
  collectorPg,
]

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--only')
  const only = (flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_ONLY)?.split(',').filter(Boolean)
  const ctx = makeContext(process.env.BENCH_DIR ?? os.tmpdir())
  const started = performance.now()
  const figures: FigureResult[] = []
  const failures: { id: string; error: string }[] = []
  try {
    for (const figure of FIGURES) {
      if (only && !only.includes(figure.id)) continue
      ctx.log(`${figure.id}…`)
      const t = performance.now()
      try {
        figures.push(...(await figure.run(ctx)))
      } catch (error) {
        // One broken figure must not hide the others' numbers.
        failures.push({ id: figure.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      }
      ctx.log(`${figure.id} done in ${Math.round(performance.now() - t)} ms`)
    }
  } finally {
    ctx.cleanup()
  }
  const doc = {
    bench: 'kiosk',
    machine: machine(),
    totalSeconds: Math.round((performance.now() - started) / 1000),
    summary: figures.map((f) => ({ id: f.id, value: f.value, unit: f.unit, ratio: f.ratio, goal: f.goal, met: f.met })),
    figures,
    failures,
  }
  const text = `${JSON.stringify(doc, null, 2)}\n`
  const out = path.resolve('bench/results/latest.json')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, text)
  process.stdout.write(text)
  if (failures.length > 0) process.exitCode = 1
}

void main()

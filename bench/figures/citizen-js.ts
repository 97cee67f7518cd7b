import fs from 'node:fs'
import path from 'node:path'
import { citizenChunks, gzipBytes } from '../citizen-chunks'
import { round, type Figure } from '../harness'

const GOAL_BYTES = 150 * 1024

/** Citizen-path JavaScript from the built renderer (`npm run bench` builds first). */
export const citizenJs: Figure = {
  id: 'citizen-js',
  async run() {
    const dir = path.resolve('out/renderer')
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first')
    const citizen = citizenChunks(dir)
    const all = fs
      .readdirSync(path.join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`)
    const sizes = (files: string[]) =>
      files.map((f) => ({ file: f, bytes: fs.statSync(path.join(dir, f)).size, gzip: gzipBytes(path.join(dir, f)) }))
    const citizenSizes = sizes(citizen)
    const gzip = citizenSizes.reduce((s, f) => s + f.gzip, 0)
    return [
      {
        id: 'citizen-js',
        title: 'citizen-path JavaScript, gzip (entry + its static imports)',
        unit: 'KiB',
        value: round(gzip / 1024, 1),
        baseline: null,
        ratio: round(gzip / GOAL_BYTES, 2),
        ratioMeaning: 'gzip size / goal',
        goal: '≤ 150 KiB',
        met: gzip <= GOAL_BYTES,
        raw: {
          citizen: citizenSizes,
          lazy: sizes(all.filter((f) => !citizen.includes(f))),
          citizenContainsChartJs: citizen.some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('_chartjs')),
        },
      },
    ]
  },
}

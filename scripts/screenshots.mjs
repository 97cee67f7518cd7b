// Screenshots of every citizen screen and the board, for a person to look at: each of the five kiosk and TV shapes
// (1280×800, 1366×768, 1920×1080, 1080×1920, 768×1366), Vietnamese and English, normal and large text — and the
// centre network's screens (pairing, counter screen and lobby as clients, console, offline banner, Quản trị →
// Thiết bị), from a hub and client web hosts started the way the network spec starts them.
// `npm run build && node scripts/screenshots.mjs [outDir]` (default screenshots/, ignored by git).
// The layout tests (test/e2e/layout.spec.ts, layout-network.spec.ts) already walk every screen at every shape; with
// KIOSK_SHOTS set they also write a PNG at each stop, so the pictures show exactly what the tests checked. Uses
// Debian's Chromium.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const outDir = path.resolve(process.argv[2] ?? 'screenshots')
fs.rmSync(outDir, { recursive: true, force: true })
fs.mkdirSync(outDir, { recursive: true })
const specs = ['test/e2e/layout.spec.ts', 'test/e2e/layout-network.spec.ts']
const run = spawnSync('npx', ['playwright', 'test', ...specs, '-g', 'every (citizen|network) screen'], {
  stdio: 'inherit',
  env: { ...process.env, KIOSK_SHOTS: outDir },
})
const count = fs.readdirSync(outDir).filter((name) => name.endsWith('.png')).length
console.log(`${count} screenshots in ${outDir}`)
// A layout problem fails the run but the pictures are still written: they are how to see it.
process.exit(run.status ?? 1)

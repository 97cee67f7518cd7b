// Screenshots of every citizen screen and the board, for a person to look at: each of the five kiosk and TV shapes
// (1280×800, 1366×768, 1920×1080, 1080×1920, 768×1366), Vietnamese and English, normal and large text.
// `npm run build && node scripts/screenshots.mjs [outDir]` (default screenshots/, ignored by git).
// The layout test (test/e2e/layout.spec.ts) already walks every screen at every shape; with KIOSK_SHOTS set it also
// writes a PNG at each stop, so the pictures show exactly what the test checked. Uses Debian's Chromium.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const outDir = path.resolve(process.argv[2] ?? 'screenshots')
fs.rmSync(outDir, { recursive: true, force: true })
fs.mkdirSync(outDir, { recursive: true })
const run = spawnSync('npx', ['playwright', 'test', 'test/e2e/layout.spec.ts', '-g', 'every citizen screen'], {
  stdio: 'inherit',
  env: { ...process.env, KIOSK_SHOTS: outDir },
})
const count = fs.readdirSync(outDir).filter((name) => name.endsWith('.png')).length
console.log(`${count} screenshots in ${outDir}`)
// A layout problem fails the run but the pictures are still written: they are how to see it.
process.exit(run.status ?? 1)

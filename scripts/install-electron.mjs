// Runs after `npm install`: fetches the Electron binary so `npm start` opens the kiosk straight away.
// Electron (>= 42) no longer downloads at install time and would otherwise try on first start. This step fails
// soft: without the binary (offline machine, blocked download) the install still succeeds, and everything except
// `npm start` / `npm run dev` — the web host (`npm run dev:web`), the build and all tests — works without it.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.log('[install-electron] ELECTRON_SKIP_BINARY_DOWNLOAD=1: not fetching the Electron binary.')
  process.exit(0)
}

let installer
try {
  installer = require.resolve('electron/install.js')
} catch {
  console.warn('[install-electron] the electron package is not installed (production install?): skipping.')
  process.exit(0)
}

const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 10 * 60 * 1000 })
if (result.status === 0) {
  console.log('[install-electron] Electron binary ready: `npm start` opens the kiosk.')
} else {
  console.warn(
    '[install-electron] could not fetch the Electron binary (no access to its download host?).\n' +
      '  `npm start` needs it: retry later with `npx install-electron`.\n' +
      '  Without it you can still run the kiosk in a browser (`npm run dev:web`), build, and run every test.',
  )
}
process.exit(0)

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const root = __dirname

/** package.json's version, written into the main bundles (electron/build-info.ts): the health page shows it. */
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron main process.
          index: resolve(root, 'electron/main/index.ts'),
          // The browser test host: the same core, served over HTTP on 127.0.0.1 (`npm run dev:web`, e2e tests).
          'web-host': resolve(root, 'electron/web-host/cli.ts'),
          // The reference collector for pilots and tests (`npm run collector`): plain Node, its own SQLite file.
          collector: resolve(root, 'electron/collector/cli.ts'),
          // The reference external queue system (`node out/main/queue-server.js`), for pilots and demos.
          'queue-server': resolve(root, 'electron/queue-server/cli.ts'),
          // The headless hub of a centre network (`npm run hub -- --data-dir … --port …`): HTTPS for paired PCs.
          hub: resolve(root, 'electron/lan/hub-cli.ts'),
          // The worker thread for reports, exports, backups and VACUUM (electron/core/worker/pool.ts starts it
          // from beside whichever of the bundles above is running: all of them sit in out/main).
          'core-worker': resolve(root, 'electron/core/worker/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          // Only the web host loads this; it gives the page the same `window.api` the preload gives Electron.
          'web-bridge': resolve(root, 'renderer/web-bridge/index.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? 'web-bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
})

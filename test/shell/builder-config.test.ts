import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Minimatch } from 'minimatch'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Configuration } from 'app-builder-lib'
import type BetterSqlite3 from 'better-sqlite3'
import { tempDir } from '../helpers/temp-dir'
import { loadBuilderConfig, packagedAppFiles, packagedModuleFiles, projectDir } from './packaged-files'

let config: Configuration
let appFiles: string[]
let sqliteFiles: string[]

beforeAll(async () => {
  config = await loadBuilderConfig()
  appFiles = packagedAppFiles(config)
  sqliteFiles = packagedModuleFiles(config, 'better-sqlite3')
  // The file list is only meaningful over a build: `npm test` builds before vitest runs.
  if (!appFiles.includes('out/main/index.js')) throw new Error('run `npx electron-vite build` before this test')
})

const targetsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((t: unknown) =>
    typeof t === 'string' ? t : String((t as { target: string }).target),
  )
const archsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).flatMap((t: unknown) =>
    typeof t === 'object' && t !== null && 'arch' in t ? (t as { arch: string[] }).arch : [],
  )

describe('installers (electron-builder.yml, checked by electron-builder’s own schema)', () => {
  it('names the product in Vietnamese with its diacritics, with an ASCII executable', () => {
    expect(config.productName).toBe('Kiosk Một cửa')
    expect(config.productName?.normalize('NFC')).toBe(config.productName)
    expect(config.executableName).toMatch(/^[a-z0-9-]+$/)
  })

  it('builds a per-machine NSIS x64 installer with a start-menu entry', () => {
    expect(targetsOf(config.win?.target)).toEqual(['nsis'])
    expect(archsOf(config.win?.target)).toEqual(['x64'])
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      unicode: true,
      createStartMenuShortcut: true,
      shortcutName: 'Kiosk Một cửa',
      deleteAppDataOnUninstall: false,
    })
  })

  it('builds an AppImage and a deb for Linux x64', () => {
    expect(targetsOf(config.linux?.target).sort()).toEqual(['AppImage', 'deb'])
    expect(archsOf(config.linux?.target)).toEqual(['x64', 'x64'])
    expect(config.linux?.maintainer).toBeTruthy()
  })

  it('never rebuilds native modules (no compiler on the build machine, no ABI drift)', () => {
    expect(config.npmRebuild).toBe(false)
    expect(config.nodeGypRebuild).toBe(false)
    expect(config.buildDependenciesFromSource).toBe(false)
  })
})

describe('what a build packages', () => {
  it('packages the main process, the preload and the renderer', () => {
    expect(appFiles).toContain('package.json')
    expect(appFiles).toContain('out/main/index.js')
    expect(appFiles).toContain('out/preload/index.js')
    expect(appFiles).toContain('out/renderer/index.html')
  })

  it('packages no sources, tests, source maps or development hosts', () => {
    const outside = appFiles.filter((f) => f !== 'package.json' && !f.startsWith('out/'))
    expect(outside).toEqual([])
    const forbidden = [
      /\.(ts|tsx|mts|cts|map)$/,
      /(^|\/)(test|tests|__tests__)\//,
      /^out\/main\/(web-host|collector|queue-server)\.js$/,
      /^out\/renderer\/web-bridge\.js$/,
    ]
    expect(appFiles.filter((f) => forbidden.some((re) => re.test(f)))).toEqual([])
    expect(sqliteFiles.filter((f) => /\.(c|cc|cpp|h|hpp|gyp|map)$/.test(f))).toEqual([])
  })

  it('ships better-sqlite3’s prebuilt binaries for win32-x64 and linux-x64, unpacked from the asar', () => {
    const prebuilds = sqliteFiles.filter((f) => f.endsWith('.node')).sort()
    expect(prebuilds).toContain('node_modules/better-sqlite3/prebuilds/win32-x64.node')
    expect(prebuilds).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node')
    expect(prebuilds.filter((f) => /darwin|musl/.test(f))).toEqual([])
    // Electron cannot dlopen a file inside an archive: each .node must match an asarUnpack pattern.
    const unpack = (Array.isArray(config.asarUnpack) ? config.asarUnpack : [config.asarUnpack ?? '']).map(
      (p) => new Minimatch(p, { dot: true }),
    )
    expect(prebuilds.filter((f) => !unpack.some((m) => m.match(f)))).toEqual([])
    expect(config.asar).not.toBe(false)
  })

  it('loads the packaged better-sqlite3 on this platform without a rebuild, from the packaged files only', () => {
    // Lay the packaged files out as they are in app.asar.unpacked + app.asar, then open a real database through them.
    const resources = tempDir()
    const source = fs.realpathSync(path.join(projectDir, 'node_modules/better-sqlite3'))
    for (const file of sqliteFiles) {
      const target = path.join(resources, file)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.copyFileSync(path.join(source, path.relative('node_modules/better-sqlite3', file)), target)
    }
    const load = createRequire(path.join(resources, 'index.js'))
    const Database = load('better-sqlite3') as typeof BetterSqlite3
    const db = new Database(path.join(resources, 'probe.db'))
    try {
      expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({ v: expect.any(String) })
      expect(load.resolve('better-sqlite3')).toBe(path.join(resources, 'node_modules/better-sqlite3/lib/index.js'))
    } finally {
      db.close()
    }
  })
})

describe('fuses of release builds', () => {
  it('turns off Node and inspector entry points and loads only the integrity-checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})

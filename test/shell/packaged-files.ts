/**
 * What `npm run package` would put into app.asar, computed with electron-builder's own code: its configuration
 * loader and schema check (the same errors `electron-builder` prints), and its file matchers for the app folder and
 * for node_modules. Only the Electron download and the archive writing are left out, so the tests can run here.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Stats } from 'node:fs'
import { createRequire } from 'node:module'
import { DebugLogger } from 'builder-util'
import type { Configuration, PlatformPackager } from 'app-builder-lib'
import type { FileMatcher } from 'app-builder-lib/out/fileMatcher'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'

/** electron-builder marks these two `@internal` (absent from its .d.ts); their signatures as of 26.x. */
interface InternalMatchers {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    options: Configuration,
    packager: PlatformPackager<never>,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcher[]
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    options: Configuration,
    packagerInfo: unknown,
  ): FileMatcher
}
const { getMainFileMatchers, getNodeModuleFileMatcher } = createRequire(__filename)(
  'app-builder-lib/out/fileMatcher',
) as InternalMatchers

export const projectDir = path.resolve(__dirname, '../..')

/** electron-builder.yml as electron-builder reads it; throws electron-builder's own message when invalid. */
export async function loadBuilderConfig(): Promise<Configuration> {
  const config = await getConfig(projectDir, null, null)
  await validateConfiguration(config, new DebugLogger(false))
  return config
}

const identity = (s: string) => s

/** The fields of a platform packager the matchers read; the rest of a packager needs the Electron download. */
function packagerStub(config: Configuration) {
  const info = {
    projectDir,
    buildResourcesDir: path.join(projectDir, config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    config,
    debugLogger: new DebugLogger(false),
  }
  return { info } as unknown as PlatformPackager<never>
}
const packagerInfo = (packager: PlatformPackager<never>): unknown => packager.info

type Filter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean

/** Walks `dir`, descending only into folders the filter keeps, as electron-builder's walker does. */
function walk(dir: string, filter: Filter, relativeTo: (file: string) => string | undefined): string[] {
  const kept: string[] = []
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name)
    const stat: Stats & { moduleFullFilePath?: string } = fs.lstatSync(file)
    const moduleFullFilePath = relativeTo(file)
    if (moduleFullFilePath !== undefined) stat.moduleFullFilePath = moduleFullFilePath
    if (!filter(file, stat)) continue
    if (stat.isDirectory()) kept.push(...walk(file, filter, relativeTo))
    else kept.push(file)
  }
  return kept
}

/**
 * The app's own files (paths relative to the project, '/'-separated) a build would package. Run
 * `npx electron-vite build` first: without `out/` the list holds only package.json.
 */
export function packagedAppFiles(config: Configuration): string[] {
  const packager = packagerStub(config)
  const outDir = path.join(projectDir, config.directories?.output ?? 'dist')
  const [matcher] = getMainFileMatchers(projectDir, '/app', identity, config, packager, outDir, false)
  if (matcher === undefined) throw new Error('electron-builder produced no file matcher')
  const filter = matcher.createFilter() as Filter
  return walk(projectDir, filter, () => undefined).map((file) => path.relative(projectDir, file).split(path.sep).join('/'))
}

/** The files of one production dependency a build would package, as `node_modules/<name>/…` paths. */
export function packagedModuleFiles(config: Configuration, moduleName: string): string[] {
  const packager = packagerStub(config)
  const matcher = getNodeModuleFileMatcher(projectDir, '/app', identity, config, packagerInfo(packager))
  const filter = matcher.createFilter() as Filter
  const moduleDir = fs.realpathSync(path.join(projectDir, 'node_modules', moduleName))
  const destination = `node_modules/${moduleName}`
  const relative = (file: string) => path.posix.join(destination, path.relative(moduleDir, file).split(path.sep).join('/'))
  return walk(moduleDir, filter, relative).map(relative)
}

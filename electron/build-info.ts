/**
 * Replaced by the bundler (electron.vite.config.ts `define`) with package.json's version. Started as
 * `node out/main/web-host.js` there is no npm to set `npm_package_version`, so the version must be in the bundle.
 */
declare const __APP_VERSION__: string | undefined

/** The app's version as built; '0.0.0-dev' when the code runs unbundled (unit tests). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev'

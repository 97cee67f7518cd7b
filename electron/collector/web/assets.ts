import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { clientScript } from './client/dashboard-client'
import { DASHBOARD_CSS } from './client/dashboard-css'
import { SECURITY_HEADERS, type WebReply } from './web-http'

/**
 * The dashboard's script (Chart.js's own browser build, then ours) and stylesheet, served by the collector itself:
 * no CDN, and the kiosk's renderer never carries them. Chart.js is read once from the installed package, which the
 * collector resolves like its other dependencies (pg, better-sqlite3).
 */
let script: string | null = null
function dashboardScript(): string {
  if (script === null) {
    const chartDir = path.dirname(createRequire(__filename).resolve('chart.js'))
    script = `${fs.readFileSync(path.join(chartDir, 'chart.umd.min.js'), 'utf8')}\n;\n${clientScript()}`
  }
  return script
}

const ASSETS: Record<string, { type: string; body: () => string }> = {
  '/dashboard/assets/dashboard.js': { type: 'text/javascript; charset=utf-8', body: dashboardScript },
  '/dashboard/assets/dashboard.css': { type: 'text/css; charset=utf-8', body: () => DASHBOARD_CSS },
}

export function asset(pathname: string): WebReply | null {
  const found = ASSETS[pathname]
  if (found === undefined) return null
  // Assets hold no data: a browser may cache them for an hour (the pages themselves are no-store).
  return { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': found.type, 'cache-control': 'private, max-age=3600' }, body: found.body() }
}

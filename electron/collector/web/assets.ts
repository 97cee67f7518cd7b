// The chart library and the dashboard's own script and style, inlined into the collector's bundle at build time
// (Vite's ?raw): the dashboard needs no CDN and no file beside the bundle, and the kiosk's renderer never carries them.
import chartJs from '../../../node_modules/chart.js/dist/chart.umd.min.js?raw'
import client from './client/dashboard-client.js?raw'
import css from './client/dashboard.css?raw'
import { SECURITY_HEADERS, type WebReply } from './web-http'

const ASSETS: Record<string, { type: string; body: string }> = {
  '/dashboard/assets/dashboard.js': { type: 'text/javascript; charset=utf-8', body: `${chartJs}\n;\n${client}` },
  '/dashboard/assets/dashboard.css': { type: 'text/css; charset=utf-8', body: css },
}

export function asset(pathname: string): WebReply | null {
  const found = ASSETS[pathname]
  if (found === undefined) return null
  // Assets hold no data: a browser may cache them for an hour (the pages themselves are no-store).
  return { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': found.type, 'cache-control': 'private, max-age=3600' }, body: found.body }
}

import crypto from 'node:crypto'
import type http from 'node:http'
import { z } from 'zod'
import type { DeviceStatus } from '../../../shared/schemas/upload'
import type { Clock } from '../../core/clock'
import { AlertSettingsSchema, listAlerts, readAlertSettings, writeAlertSettings } from '../alerts/outbox'
import { webhookUrlProblem } from '../alerts/webhook-url'
import { allFlags } from '../signals/signals'
import type { Scope } from '../signals/sql-reader'
import {
  addUser,
  checkLogin,
  createSession,
  csrfMatches,
  endSession,
  findSession,
  listUsers,
  NewUserSchema,
  SESSION_MAX_MS,
  setDisabled,
  UsernameSchema,
  type Session,
  type WebSql,
} from './accounts'
import { asset } from './assets'
import { exportReport } from './export'
import { t, type Lang } from './i18n'
import { periodOf, type PageContext } from './layout'
import { LoginLimiter } from './login-limit'
import { alertsPage, devicesPage, disputesPage, flagsPage, visibleDevices } from './pages-ops'
import { loginPage, messagePage, usersPage } from './pages-admin'
import { centrePage, officerPage, overviewPage } from './pages-ratings'
import { centreNames, disputes, officerName } from './queries'
import { clientAddress, cookies, formFields, page, redirect, setCookie, type WebReply } from './web-http'

/**
 * An officer is named by device and officer id in links (queries.ts, OfficerKey); anything else is not a page. A
 * device id is a UUID (enrollment's schema): any other text, a NUL byte in it above all, never reaches the store
 * (PostgreSQL refuses a NUL in text, which was a 500).
 */
const OfficerParams = z.strictObject({ deviceId: z.uuid(), officerId: z.coerce.number().int().positive().max(2 ** 31) })

export interface DashboardDeps {
  db: WebSql
  clock: Clock
  deviceStatus(deviceId: string): Promise<DeviceStatus | null>
  /** Mark cookies Secure: set when the collector is served over TLS (directly or by a proxy). */
  secureCookies: boolean
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean
}

const SESSION_COOKIE = 'kd_session'
const LOGIN_COOKIE = 'kd_login'
const LANG_COOKIE = 'kd_lang'

function langOf(req: http.IncomingMessage): Lang {
  return cookies(req).get(LANG_COOKIE) === 'en' ? 'en' : 'vi'
}

/** The leader's centre on every query; province and auditor see all. Decided here only, from the session. */
export function scopeOf(session: Session): Scope {
  return { centreId: session.user.role === 'leader' ? session.user.centreId : null }
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a.length === 0) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/**
 * A POST from another origin is refused before anything else, whatever its tokens: browsers send Origin on
 * every cross-site POST, so this closes CSRF even for a form whose token leaked.
 */
function foreignOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined || origin === 'null') return origin === 'null'
  const host = req.headers.host ?? ''
  return origin !== `http://${host}` && origin !== `https://${host}`
}

/** A path segment's text, or null when its percent-encoding is broken (decodeURIComponent would throw). */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

export function createDashboard(deps: DashboardDeps): (req: http.IncomingMessage, body: Buffer | null) => Promise<WebReply> {
  const { db, clock } = deps
  const limiter = new LoginLimiter()
  const cookie = (name: string, value: string, maxAge?: number) => setCookie(name, value, deps.secureCookies, maxAge)

  async function login(req: http.IncomingMessage, body: Buffer | null, lang: Lang): Promise<WebReply> {
    if (req.method === 'GET') {
      const token = crypto.randomBytes(18).toString('base64url')
      return page(loginPage(lang, token, null), 200, { 'set-cookie': cookie(LOGIN_COOKIE, token, 3600) })
    }
    const fields = formFields(body ?? Buffer.alloc(0))
    const fresh = crypto.randomBytes(18).toString('base64url')
    const again = (error: string, status: number) => page(loginPage(lang, fresh, error), status, { 'set-cookie': cookie(LOGIN_COOKIE, fresh, 3600) })
    if (!sameToken(fields._login, cookies(req).get(LOGIN_COOKIE))) return again(t(lang, 'loginFailed'), 403)
    const now = clock.now()
    if (!limiter.allow(clientAddress(req, deps.trustProxy ?? false), now)) return again(t(lang, 'loginSlow'), 429)
    const username = UsernameSchema.safeParse(fields.username ?? '')
    const result = username.success ? await checkLogin(db, username.data, fields.password ?? '', now) : ({ ok: false, reason: 'bad' } as const)
    if (!result.ok) return again(t(lang, result.reason === 'locked' ? 'loginLocked' : 'loginFailed'), result.reason === 'locked' ? 429 : 401)
    const id = await createSession(db, result.user.username, now)
    return redirect('/dashboard/', { 'set-cookie': cookie(SESSION_COOKIE, id, SESSION_MAX_MS / 1000) })
  }

  async function posted(ctx: PageContext, pathname: string, fields: Record<string, string>): Promise<WebReply> {
    const { lang, session } = ctx
    const now = clock.now()
    if (pathname === '/dashboard/alerts/settings') {
      const current = await readAlertSettings(db)
      const typed = fields.url?.trim() ?? ''
      const problem = typed === '' ? null : webhookUrlProblem(typed)
      if (problem !== null) {
        const alerts = await listAlerts(db, null)
        return page(alertsPage(ctx, alerts, current, null, { url: typed, problem }), 400)
      }
      const parsed = AlertSettingsSchema.safeParse({
        url: typed === '' ? null : typed,
        // An empty secret field keeps the secret already set (it is never shown back).
        secret: fields.secret ? fields.secret : current.secret,
        silentAfterMinutes: Number(fields.silentAfterMinutes ?? ''),
      })
      if (!parsed.success) return page(messagePage(ctx, t(lang, 'badForm'), z.prettifyError(parsed.error)), 400)
      await writeAlertSettings(db, parsed.data, now)
      return redirect('/dashboard/alerts?saved=1')
    }
    if (pathname === '/dashboard/users') {
      const parsed = NewUserSchema.safeParse({
        username: fields.username ?? '',
        password: fields.password ?? '',
        role: fields.role ?? '',
        centreId: fields.centreId ? fields.centreId : null,
        displayName: fields.displayName ?? '',
      })
      if (!parsed.success) return page(messagePage(ctx, t(lang, 'badForm'), z.prettifyError(parsed.error)), 400)
      const added = await addUser(db, parsed.data, now)
      if (added === 'no-centre') return page(messagePage(ctx, t(lang, 'badForm'), `${t(lang, 'noSuchCentre')}: ${parsed.data.centreId ?? ''}`), 400)
      return redirect(`/dashboard/users?${added === 'added' ? 'added' : 'exists'}=${encodeURIComponent(parsed.data.username)}`)
    }
    if (pathname === '/dashboard/users/disable') {
      const username = UsernameSchema.safeParse(fields.username ?? '')
      if (!username.success || username.data === session.user.username) return page(messagePage(ctx, t(lang, 'badForm'), ''), 400)
      await setDisabled(db, username.data, fields.disabled === '1', now)
      return redirect('/dashboard/users')
    }
    return page(messagePage(ctx, t(lang, 'notFound'), t(lang, 'notFound')), 404)
  }

  async function get(ctx: PageContext, pathname: string): Promise<WebReply> {
    const { lang, session, url } = ctx
    const scope = scopeOf(session)
    const period = periodOf(url, ctx.now)
    const forbidden = () => page(messagePage(ctx, t(lang, 'forbidden'), t(lang, 'forbidden')), 403)
    const notFound = () => page(messagePage(ctx, t(lang, 'notFound'), t(lang, 'notFound')), 404)
    const names = await centreNames(db, scope)
    /** A centre named in the URL must be the leader's own; anyone may name a centre that exists. */
    const centreAllowed = (id: string) => scope.centreId === null || scope.centreId === id
    // Checked after centreAllowed, so a leader learns nothing about which other centres exist. The export's
    // file name is built from the id: only a known (CentreIdSchema-clean) id may reach a response header.
    const centreKnown = (id: string) => names.has(id)
    if (pathname === '/dashboard/') return page(await overviewPage(db, ctx, scope, period))
    const centreMatch = /^\/dashboard\/centre\/([^/]{1,64})$/.exec(pathname)
    const centreId = centreMatch === null ? null : decodedSegment(centreMatch[1] ?? '')
    if (centreMatch !== null) {
      if (centreId === null) return notFound()
      if (!centreAllowed(centreId)) return forbidden()
      if (!centreKnown(centreId)) return notFound()
      return page(await centrePage(db, ctx, scope, centreId, names.get(centreId) ?? centreId, period))
    }
    if (pathname === '/dashboard/officer') {
      const id = url.searchParams.get('centre') ?? ''
      if (!centreAllowed(id)) return forbidden()
      if (!centreKnown(id)) return notFound()
      const officer = OfficerParams.safeParse({ deviceId: url.searchParams.get('device'), officerId: url.searchParams.get('officer') })
      if (!officer.success) return notFound()
      const name = await officerName(db, id, officer.data, scope)
      if (name === null) return notFound()
      return page(await officerPage(db, ctx, scope, id, officer.data, name, period))
    }
    if (pathname === '/dashboard/export') {
      const id = url.searchParams.get('centre') ?? ''
      if (!centreAllowed(id)) return forbidden()
      if (!centreKnown(id)) return notFound()
      const reply = await exportReport(db, scope, id, names.get(id) ?? id, url.searchParams.get('month') ?? '', url.searchParams.get('format') ?? '')
      return reply ?? page(messagePage(ctx, t(lang, 'badForm'), 'month=YYYY-MM, format=csv|xlsx'), 400)
    }
    if (pathname === '/dashboard/devices') {
      const list = await visibleDevices(db, scope)
      const statuses = []
      for (const d of list) {
        const status = await deps.deviceStatus(d.deviceId)
        if (status !== null) statuses.push({ status, centreName: d.centreId === null ? '—' : (names.get(d.centreId) ?? d.centreId) })
      }
      return page(devicesPage(ctx, statuses))
    }
    if (pathname === '/dashboard/disputes') return page(disputesPage(ctx, await disputes(db, scope), names))
    if (pathname === '/dashboard/flags') return page(flagsPage(ctx, await allFlags(db, period, scope), period, names))
    if (pathname === '/dashboard/alerts') {
      const settings = session.user.role === 'province' ? await readAlertSettings(db) : null
      return page(alertsPage(ctx, await listAlerts(db, scope.centreId), settings, url.searchParams.has('saved') ? t(lang, 'saved') : null))
    }
    if (pathname === '/dashboard/users') {
      if (session.user.role !== 'province') return forbidden()
      const added = url.searchParams.get('added')
      const notice = added === null ? (url.searchParams.get('exists') === null ? null : `${url.searchParams.get('exists')}: ✗`) : `${added}: ✓`
      return page(usersPage(ctx, await listUsers(db), names, notice))
    }
    return notFound()
  }

  return async function handle(req, body) {
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid')
    const { pathname } = url
    const lang = langOf(req)
    const method = req.method ?? 'GET'
    if (pathname === '/dashboard') return redirect('/dashboard/')
    const staticAsset = method === 'GET' ? asset(pathname) : null
    if (staticAsset !== null) return staticAsset
    if (method !== 'GET' && method !== 'POST') return page(messagePage({ lang, session: null }, 'Method', 'GET / POST'), 405)
    if (method === 'POST' && foreignOrigin(req)) return page(messagePage({ lang, session: null }, t(lang, 'forbidden'), t(lang, 'forbidden')), 403)
    // Every dashboard form posts url-encoded; anything else (a text/plain or JSON body) is not one of ours.
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (method === 'POST' && type !== 'application/x-www-form-urlencoded') {
      return page(messagePage({ lang, session: null }, t(lang, 'badForm'), 'application/x-www-form-urlencoded'), 415)
    }
    if (pathname === '/dashboard/lang') {
      const to = url.searchParams.get('to') === 'en' ? 'en' : 'vi'
      const back = url.searchParams.get('back') ?? ''
      const safeBack = /^\/dashboard\/[A-Za-z0-9/_\-.?=&%]*$/.test(back) && !back.startsWith('//') ? back : '/dashboard/'
      return redirect(safeBack, { 'set-cookie': setCookie(LANG_COOKIE, to, deps.secureCookies, 365 * 86_400) })
    }
    if (pathname === '/dashboard/login') return login(req, body, lang)
    const now = clock.now()
    const sessionId = cookies(req).get(SESSION_COOKIE) ?? ''
    const session = await findSession(db, sessionId, now)
    if (session === null) return redirect('/dashboard/login')
    const ctx: PageContext = { lang, session, url, now }
    if (method === 'GET') return get(ctx, pathname)
    const fields = formFields(body ?? Buffer.alloc(0))
    // Every POST needs this session's synchronizer token, logout included (no forced logout from another site).
    if (!csrfMatches(session, fields._csrf)) return page(messagePage(ctx, t(lang, 'forbidden'), 'CSRF'), 403)
    if (pathname === '/dashboard/logout') {
      await endSession(db, sessionId)
      return redirect('/dashboard/login', { 'set-cookie': cookie(SESSION_COOKIE, '', 0) })
    }
    // Auditors and leaders change nothing; every remaining POST is the province's.
    if (session.user.role !== 'province') return page(messagePage(ctx, t(lang, 'forbidden'), t(lang, 'forbidden')), 403)
    return posted(ctx, pathname, fields)
  }
}

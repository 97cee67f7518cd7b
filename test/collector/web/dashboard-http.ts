import { addUser, type Role } from '../../../electron/collector/web/accounts'
import type { Store } from '../../../electron/collector/store/types'

/** Test accounts hash with a cheap scrypt cost: the production cost is tested in password-html.test.ts. */
export const CHEAP = { N: 1024, r: 8, p: 1 }
export const PASSWORD = 'mat-khau-thu-nghiem-2026'

export async function user(db: Store, username: string, role: Role, centreId: string | null, now: number) {
  await addUser(db, { username, password: PASSWORD, role, centreId, displayName: `Người dùng ${username}` }, now, CHEAP)
}

export interface Browser {
  cookie: string
  csrf: string
  get(path: string): Promise<{ status: number; text: string; headers: Headers }>
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; location: string | null; text: string }>
}

function cookieJar(headers: Headers, jar: Map<string, string>) {
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';')
    const eq = pair?.indexOf('=') ?? -1
    if (pair !== undefined && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1))
  }
}

/** A minimal browser over fetch: keeps cookies, reads the CSRF token from the page, never follows redirects. */
export function browser(base: string): Browser & { login(username: string, password?: string): Promise<number> } {
  const jar = new Map<string, string>()
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const b = {
    cookie: '',
    csrf: '',
    async get(path: string) {
      const res = await fetch(new URL(path, base), { headers: { cookie: cookie() }, redirect: 'manual' })
      cookieJar(res.headers, jar)
      const text = await res.text()
      const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1]
      if (csrf !== undefined) b.csrf = csrf
      b.cookie = cookie()
      return { status: res.status, text, headers: res.headers }
    },
    async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
      const res = await fetch(new URL(path, base), {
        method: 'POST',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      })
      cookieJar(res.headers, jar)
      b.cookie = cookie()
      return { status: res.status, location: res.headers.get('location'), text: await res.text() }
    },
    async login(username: string, password = PASSWORD) {
      const page = await b.get('/dashboard/login')
      const token = /name="_login" value="([^"]+)"/.exec(page.text)?.[1] ?? ''
      const res = await b.post('/dashboard/login', { _login: token, username, password })
      if (res.status === 303) await b.get('/dashboard/')
      return res.status
    },
  }
  return b
}

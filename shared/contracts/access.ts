/**
 * Who may make a call. Every call in the contract names its rule (see `call()`), and core's `dispatch` refuses
 * every other caller with FORBIDDEN before the input is even parsed — deny by default: a call without a rule
 * cannot be reached. Kept free of zod and of core: the rule is data the shells, core and tests can all read.
 */

/**
 * The kinds of caller core tells apart, from the shell's client id (never from the renderer's input):
 * `citizen` is any screen without a staff session; `officer` and `admin` (IT) hold that staff session.
 * Paired devices (a board screen, a counter screen) will be more rows here, each allowed only its few calls.
 */
export const CALLER_ROLES = ['citizen', 'officer', 'admin'] as const
export type CallerRole = (typeof CALLER_ROLES)[number]

export interface AccessRule {
  /** The roles allowed to make the call at all; the rest get FORBIDDEN and their input is never parsed. */
  readonly roles: readonly CallerRole[]
  /**
   * The input names a `counterId` the caller must be allowed to work now: an officer only the counter they are
   * assigned to at this moment, IT any counter. Checked once the input is parsed, before the handler runs.
   */
  readonly atCounter: boolean
  /**
   * The call is someone at the screen, so it keeps a staff session from going idle. False for the calls citizens
   * make anyway and for reads a staff screen makes by itself (a pushed refresh is nobody touching the screen).
   */
  readonly touch: boolean
}

const rule = <R extends AccessRule>(r: R): R => Object.freeze(r)

/** Citizens' screens and staff alike: the board, the forms, logging in. Never extends a staff session. */
export const anyone = rule({ roles: ['citizen', 'officer', 'admin'], atCounter: false, touch: false })
/** Only a screen without a staff session: the officer being rated must not rate from their own window. */
export const citizenOnly = rule({ roles: ['citizen'], atCounter: false, touch: false })
/** An officer's own data (their ratings, their disputes); the officer comes from the session, not the input. */
export const officerOnly = rule({ roles: ['officer'], atCounter: false, touch: true })
/** IT (admin accounts): configuration, accounts, reports, backups, the upload and the system log. */
export const itOnly = rule({ roles: ['admin'], atCounter: false, touch: true })
/** The counter controls: the officer seated at the input's counter now, or IT at any counter. */
export const counterStaff = rule({ roles: ['officer', 'admin'], atCounter: true, touch: true })
/** The counter controls' own refresh on every push: same callers, but it does not keep the session alive. */
export const counterStaffRefresh = rule({ roles: ['officer', 'admin'], atCounter: true, touch: false })

/** Whether `role` passes the rule's first gate (the counter, if any, is checked after parsing). */
export function allowsRole(access: AccessRule, role: CallerRole): boolean {
  return access.roles.includes(role)
}

/**
 * A well-formed rule, checked at run time too: the compiler demands a rule for every call, but a contract entry
 * made without one (a cast, a plain object) must still be refused rather than treated as open.
 */
export function isAccessRule(value: unknown): value is AccessRule {
  if (typeof value !== 'object' || value === null) return false
  const { roles, atCounter, touch } = value as Record<string, unknown>
  return (
    Array.isArray(roles) &&
    roles.length > 0 &&
    roles.every((r) => (CALLER_ROLES as readonly unknown[]).includes(r)) &&
    typeof atCounter === 'boolean' &&
    typeof touch === 'boolean'
  )
}

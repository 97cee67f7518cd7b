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

/**
 * The paired PCs of the centre network (README, "Một trung tâm, nhiều máy"). A call that comes over the LAN names
 * its device, as the hub server authenticated it; the rule must list that device's role too — a second gate on top
 * of the caller's role. The hub's own windows are no device and pass this gate.
 */
export const DEVICE_ROLES = ['counter-screen', 'console', 'board', 'lobby', 'admin-client'] as const
export type DeviceRole = (typeof DEVICE_ROLES)[number]

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
  /**
   * The paired devices that may make the call over the LAN; empty: only the hub's own windows. A device bound to
   * a counter (counter screen, console) is further held to that counter: a counter call must name it.
   */
  readonly devices: readonly DeviceRole[]
}

const rule = <R extends AccessRule>(r: R): R => Object.freeze(r)

const ALL_DEVICES = DEVICE_ROLES
/** Where staff work on a paired PC: the officer's console at a counter, and IT's admin client. */
const STAFF_DEVICES = ['console', 'admin-client'] as const

/** Citizens' screens and staff alike, on every device: the board, the forms. Never extends a staff session. */
export const anyone = rule({ roles: ['citizen', 'officer', 'admin'], atCounter: false, touch: false, devices: ALL_DEVICES })
/** Only a screen without a staff session: the officer being rated must not rate from their own window. */
export const citizenOnly = rule({ roles: ['citizen'], atCounter: false, touch: false, devices: ['lobby', 'counter-screen'] })
/** An officer's own data (their ratings, their disputes); the officer comes from the session, not the input. */
export const officerOnly = rule({ roles: ['officer'], atCounter: false, touch: true, devices: STAFF_DEVICES })
/** IT (admin accounts): configuration, accounts, reports, backups, the upload and the system log. */
export const itOnly = rule({ roles: ['admin'], atCounter: false, touch: true, devices: ['admin-client'] })
/** The counter controls: the officer seated at the input's counter now, or IT at any counter. */
export const counterStaff = rule({ roles: ['officer', 'admin'], atCounter: true, touch: true, devices: STAFF_DEVICES })
/** The counter controls' own refresh on every push: same callers, but it does not keep the session alive. */
export const counterStaffRefresh = rule({ roles: ['officer', 'admin'], atCounter: true, touch: false, devices: STAFF_DEVICES })
/** Logging in and out, the session: on the hub's windows and where staff work on a paired PC. */
export const staffLogin = rule({ ...anyone, devices: STAFF_DEVICES })

/** The same rule, open to these paired devices only (e.g. taking a number: lobby kiosks). */
export function onDevices<R extends AccessRule>(base: R, devices: readonly DeviceRole[]): R {
  return rule({ ...base, devices })
}

/** Whether `role` passes the rule's first gate (the counter, if any, is checked after parsing). */
export function allowsRole(access: AccessRule, role: CallerRole): boolean {
  return access.roles.includes(role)
}

/** Whether a paired device of `role` may make the call at all (the hub's own windows are no device). */
export function allowsDevice(access: AccessRule, role: DeviceRole): boolean {
  return access.devices.includes(role)
}

/**
 * A well-formed rule, checked at run time too: the compiler demands a rule for every call, but a contract entry
 * made without one (a cast, a plain object) must still be refused rather than treated as open.
 */
export function isAccessRule(value: unknown): value is AccessRule {
  if (typeof value !== 'object' || value === null) return false
  const { roles, atCounter, touch, devices } = value as Record<string, unknown>
  return (
    Array.isArray(roles) &&
    roles.length > 0 &&
    roles.every((r) => (CALLER_ROLES as readonly unknown[]).includes(r)) &&
    typeof atCounter === 'boolean' &&
    typeof touch === 'boolean' &&
    Array.isArray(devices) &&
    devices.every((d) => (DEVICE_ROLES as readonly unknown[]).includes(d))
  )
}

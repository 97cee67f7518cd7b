import { z } from 'zod'
import { isAccessRule, type AccessRule, type DeviceRole } from '../../shared/contracts/access'
import { IdSchema } from '../../shared/schemas/common'
import type { AuthService, StaffActor } from './auth/auth-service'
import type { Clock } from './clock'
import type { Db } from './db/open'
import { AppError } from './errors'
import { assertCounterAccess } from './queue/counter-access'

/**
 * Who is calling, resolved by core from the shell's client id (the window or page), never from the input. A
 * citizen is any client without a staff session. Paired devices will be more variants here, each with its role.
 */
export type Caller = { role: 'citizen'; actor: null } | { role: StaffActor['role']; actor: StaffActor }

/** What `dispatch` asks about the caller before a handler runs. */
export interface AccessGate {
  /** The client's caller now; a session whose time is up ends here. Never extends a session. */
  caller(clientId: string): Caller
  /** Someone is at the screen: extends the client's idle staff session (never past its cap). */
  touch(clientId: string): void
  /** FORBIDDEN unless the caller may work `counterId` now (officer: assigned there; IT: any counter). */
  assertCounter(caller: Caller, counterId: number): void
}

export function createAccessGate({ db, clock, auth }: { db: Db; clock: Clock; auth: AuthService }): AccessGate {
  return {
    caller: (clientId) => {
      const session = auth.current(clientId)
      if (session === null) return { role: 'citizen', actor: null }
      const { accountId: id, displayName: name, role, officerId } = session
      return { role, actor: { id, name, role, officerId } }
    },
    touch: (clientId) => void auth.touch(clientId),
    assertCounter: (caller, counterId) => {
      if (caller.actor === null) throw new AppError('FORBIDDEN', 'the counter controls need a staff session')
      assertCounterAccess(db, caller.actor, counterId, clock.now())
    },
  }
}

/**
 * The first gate, before the input is parsed: the call's rule must exist (deny by default) and name the
 * caller's role. Answers the rule when the caller may go on, or the refusal's message.
 */
export function ruleFor(
  channel: string,
  access: unknown,
  caller: Caller,
  device?: { role: DeviceRole },
): AccessRule | string {
  if (!isAccessRule(access)) return `${channel} has no access rule`
  if (device !== undefined && !access.devices.includes(device.role)) return `${channel} is not open to a ${device.role} device`
  return access.roles.includes(caller.role) ? access : `${channel} is not open to a ${caller.role} caller`
}

const NamesCounter = z.object({ counterId: IdSchema })

/**
 * The second gate, once the input is parsed: a counter call's `counterId` must be the caller's to work — and, on
 * a paired PC bound to a counter (a console), that PC's own counter, whoever is logged in there (IT included).
 */
export function checkCounter(
  gate: AccessGate,
  access: AccessRule,
  caller: Caller,
  input: unknown,
  device?: { counterId: number | null },
): void {
  if (!access.atCounter) return
  // A counter rule on an input without a counter is a contract bug: refused rather than let through.
  const named = NamesCounter.safeParse(input)
  if (!named.success) throw new AppError('FORBIDDEN', 'this call names no counter')
  if (device !== undefined && device.counterId !== null && device.counterId !== named.data.counterId) {
    throw new AppError('FORBIDDEN', `this device works counter ${device.counterId} only`)
  }
  gate.assertCounter(caller, named.data.counterId)
}

/**
 * The staff actor of a call whose rule admits only staff. Citizens never get this far (dispatch refused them);
 * reaching here without a session is a bug in the table, answered as an internal error, never as access.
 */
export function staffActor(caller: Caller): StaffActor {
  if (caller.actor === null) throw new Error('a staff-only handler ran without a staff caller')
  return caller.actor
}

/** The officer of an officer-only call: the session's, never the input's. */
export function officerIdOf(caller: Caller): number {
  const { officerId } = staffActor(caller)
  // An officer-role account always names its officer; a row without one must not see anyone's ratings.
  if (officerId === null) throw new AppError('FORBIDDEN', 'not an officer account')
  return officerId
}

import { z } from 'zod'
import { EpochMsSchema, IdSchema, MediaPathSchema, line } from './common'

/** Six digits, typed on the on-screen pad. Only `auth:login`, `auth:setup` and the PIN-setting calls carry one. */
export const PinSchema = z.string().max(6).regex(/^\d{6}$/, 'six digits')

export const StaffRoleSchema = z.enum(['officer', 'admin'])
export type StaffRole = z.infer<typeof StaffRoleSchema>

/** One name on the login screen: an officer (with photo and current counter) or an admin account. */
export const LoginAccountSchema = z.strictObject({
  id: IdSchema,
  role: StaffRoleSchema,
  displayName: line(100, 1),
  photoUrl: MediaPathSchema.nullable(),
  counterNumber: z.number().int().min(1).max(999).nullable(),
})
export type LoginAccount = z.infer<typeof LoginAccountSchema>

export const LoginDirectorySchema = z.strictObject({
  /** False on a new kiosk: the admin screen then offers to create the first admin account. */
  hasAdmin: z.boolean(),
  accounts: z.array(LoginAccountSchema).max(500),
})
export type LoginDirectory = z.infer<typeof LoginDirectorySchema>

/** The active staff session as core holds it. The renderer only displays it; core checks it on every call. */
export const SessionViewSchema = z.strictObject({
  accountId: IdSchema,
  role: StaffRoleSchema,
  displayName: line(100, 1),
  officerId: IdSchema.nullable(),
  startedAt: EpochMsSchema,
  /** When the session ends if nothing happens (idle timeout, or the 15-minute cap if sooner). */
  expiresAt: EpochMsSchema,
  idleSeconds: z.number().int().min(1).max(3600),
})
export type SessionView = z.infer<typeof SessionViewSchema>

export const LoginInputSchema = z.strictObject({ accountId: IdSchema, pin: PinSchema })

/**
 * `denied` is the one answer for a wrong PIN and for an account that does not exist, after the same work.
 * `locked` comes from the 5th consecutive failure on; `disabled` from the 10th, until IT resets the account.
 */
export const LoginResultSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), session: SessionViewSchema }),
  z.strictObject({ status: z.literal('denied') }),
  z.strictObject({ status: z.literal('locked'), retryAt: EpochMsSchema }),
  z.strictObject({ status: z.literal('disabled') }),
])
export type LoginResult = z.infer<typeof LoginResultSchema>

export const FirstAdminInputSchema = z.strictObject({ displayName: line(100, 1), pin: PinSchema })

/** An account as IT sees it on the admin screens: never the hash, only the lockout state. */
export const AccountAdminViewSchema = z.strictObject({
  id: IdSchema,
  role: StaffRoleSchema,
  displayName: line(100, 1),
  officerId: IdSchema.nullable(),
  failedCount: z.number().int().min(0).max(1000),
  lockedUntil: EpochMsSchema.nullable(),
  disabled: z.boolean(),
  updatedAt: EpochMsSchema,
})
export type AccountAdminView = z.infer<typeof AccountAdminViewSchema>

export const AuditEntrySchema = z.strictObject({
  id: IdSchema,
  at: EpochMsSchema,
  actorId: IdSchema.nullable(),
  actorName: line(100),
  action: line(60, 1),
  target: line(200),
  /**
   * What the target names today, for people: an account's or officer's name, a counter's number, a field's
   * Vietnamese name; '' when the target is no such row (or it is gone). The raw `target` stays the record.
   */
  targetName: line(200),
  /** JSON that core writes (JSON.stringify escapes lone surrogates), not typed text; audit-repo cuts it to this bound. */
  detail: z.string().max(4000),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

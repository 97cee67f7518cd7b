import { z } from 'zod'
import {
  AccountAdminViewSchema,
  AuditEntrySchema,
  FirstAdminInputSchema,
  LoginDirectorySchema,
  LoginInputSchema,
  LoginResultSchema,
  PinSchema,
  SessionViewSchema,
} from '../schemas/auth'
import { EpochMsSchema, IdSchema, line } from '../schemas/common'
import { onDevices, itOnly, staffLogin } from './access'
import { NoInputSchema, call } from './call'

export const authCalls = {
  /** Names on the login screens (no secrets): officers with a PIN, admin accounts, and whether an admin exists. */
  'auth:accounts': call(NoInputSchema, LoginDirectorySchema, staffLogin),
  'auth:login': call(LoginInputSchema, LoginResultSchema, staffLogin),
  /** First-time setup: creates the first admin account and logs it in; refused once any admin exists. */
  'auth:setup': call(FirstAdminInputSchema, LoginResultSchema, onDevices(staffLogin, ['admin-client'])),
  'auth:logout': call(NoInputSchema, z.strictObject({ loggedOut: z.boolean() }), staffLogin),
  /** The active session, or null (also once it has expired). Does not extend it. */
  'auth:session': call(NoInputSchema, SessionViewSchema.nullable(), staffLogin),
  /** The user touched the screen: extends the idle timeout (never past the 15-minute cap). */
  'auth:touch': call(NoInputSchema, SessionViewSchema.nullable(), staffLogin),
  /** Admin: every account with its lockout state. */
  'auth:list': call(NoInputSchema, z.array(AccountAdminViewSchema).max(500), itOnly),
  /** Admin: creates or replaces an officer's PIN; clears the lockout. */
  'auth:setOfficerPin': call(z.strictObject({ officerId: IdSchema, pin: PinSchema }), AccountAdminViewSchema, itOnly),
  /** Admin: another admin account (IT, centre leader). */
  'auth:addAdmin': call(FirstAdminInputSchema, AccountAdminViewSchema, itOnly),
  /** Admin: clears failures, lockout and the disabled flag ("reset only by IT"). */
  'auth:unlock': call(z.strictObject({ accountId: IdSchema }), AccountAdminViewSchema, itOnly),
  /**
   * Admin: disables an account and ends its sessions (until `auth:unlock`). Refused for the calling admin and for
   * the last enabled admin account (nobody could enable it again).
   */
  'auth:disable': call(z.strictObject({ accountId: IdSchema }), AccountAdminViewSchema, itOnly),
  /** Admin: replaces an admin account's PIN, clears its lockout and ends its sessions in other windows. */
  'auth:setAdminPin': call(z.strictObject({ accountId: IdSchema, pin: PinSchema }), AccountAdminViewSchema, itOnly),
  /** Admin: the audit log, newest first, optionally within a time range. */
  'audit:list': call(
    z.strictObject({
      limit: z.number().int().min(1).max(1000),
      before: IdSchema.nullable(),
      from: EpochMsSchema.nullable(),
      to: EpochMsSchema.nullable(),
      action: line(60).nullable(),
    }),
    z.array(AuditEntrySchema).max(1000),
    itOnly,
  ),
  /** Admin: the newest 20 000 audit entries as CSV (UTF-8 with BOM), to file or hand to an inspector. */
  'audit:export': call(
    NoInputSchema,
    z.strictObject({ fileName: line(100), csv: z.string().max(20_000_000) }),
    itOnly,
  ),
}

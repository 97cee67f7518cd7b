import { z } from 'zod'

/**
 * Every contract call answers with this envelope, over IPC and over the web host alike. Errors carry a stable
 * code the renderer can translate, and a technical message meant for IT logs, not for citizens.
 */
export const ErrorCodeSchema = z.enum([
  'BAD_INPUT', // the input did not match the call's schema; nothing was changed
  'UNKNOWN_CALL', // no such channel in the contract
  'FORBIDDEN', // the caller is not allowed to make this call (foreign frame, missing role)
  'NOT_FOUND',
  'CONFLICT', // the call is valid but the state forbids it
  'ALREADY_RATED', // this ticket has its rating already: one per served ticket
  'NOT_SERVED', // the ticket exists but has not been completed at a counter
  'EXPIRED', // the ticket was served too long ago to be rated now
  'TOO_SOON', // a rating without a ticket came before the configured interval
  'RATE_LIMITED', // this screen sent too many of this call too fast; nothing was written, try again shortly
  'UNAVAILABLE', // a dependency (database, collector) cannot serve the call right now
  'INTERNAL', // a bug: logged with its stack in main, never shown verbatim to citizens
])
export type ErrorCode = z.infer<typeof ErrorCodeSchema>

export const AppErrorSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string().max(2000),
})
export type AppErrorShape = z.infer<typeof AppErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message: message.slice(0, 2000) } }
}

/** Schema of an envelope whose value is `value`; used to check answers read back from the web host. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: AppErrorSchema }),
  ])
}

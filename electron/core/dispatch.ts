import { z } from 'zod'
import { isCallName, type CallName } from '../../shared/channels'
import { contract, type CallArgs, type CallOutput } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/result'
import { DeviceRoleSchema } from '../../shared/schemas/devices'
import { AppError } from './errors'

/**
 * Who is calling, as the shell saw it — never taken from the renderer's input. `clientId` names one window
 * (Electron: its webContents id) or one page load (web host: a random UUID the bridge sends in a header). Core
 * keeps staff sessions per client, so an officer's window and the citizen's rating screen beside it stay apart.
 */
export const callContextSchema = z.strictObject({
  clientId: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9:-]+$/),
  /** A paired PC of the centre network, as the hub server authenticated it (never set for a local window). */
  device: z
    .strictObject({
      id: z.uuid(),
      role: DeviceRoleSchema,
      counterId: z.number().int().positive().nullable(),
    })
    .optional(),
  /** The device's key for this write: a retry with the same key gets the first answer (rating:submit). */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
})
export type CallContext = z.infer<typeof callContextSchema>

export type Handlers = {
  [C in CallName]: (input: CallArgs<C>, ctx: CallContext) => CallOutput<C> | Promise<CallOutput<C>>
}

export interface Logger {
  error(message: string, error?: unknown): void
  info(message: string): void
}

/**
 * The one path every call takes, whichever shell received it: known channel → strict parse of the input →
 * handler → check of the output → envelope. A bad input never reaches a handler, so it cannot write anything.
 */
export async function dispatch(
  handlers: Handlers,
  log: Logger,
  channel: unknown,
  rawInput: unknown,
  rawContext: unknown,
): Promise<Result<unknown>> {
  // A shell bug, not the renderer's: without a valid client there is no session to check, so nothing runs.
  const context = callContextSchema.safeParse(rawContext)
  if (!context.success) return fail('BAD_INPUT', `call context: ${z.prettifyError(context.error)}`)
  if (!isCallName(channel)) return fail('UNKNOWN_CALL', `unknown call: ${String(channel).slice(0, 100)}`)
  const spec = contract[channel]
  const input = spec.input.safeParse(rawInput)
  if (!input.success) return fail('BAD_INPUT', `${channel}: ${z.prettifyError(input.error)}`)
  try {
    const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown
    const output = spec.output.safeParse(await handler(input.data, context.data))
    if (!output.success) {
      log.error(`${channel}: handler returned a value outside the contract`, output.error)
      return fail('INTERNAL', `${channel}: internal error`)
    }
    return ok(output.data)
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message)
    log.error(`${channel}: unexpected error`, error)
    return fail('INTERNAL', `${channel}: internal error`)
  }
}

import { z } from 'zod'
import { isCallName, type CallName } from '../../shared/channels'
import { contract, type CallArgs, type CallOutput } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/result'
import { checkCounter, ruleFor, type AccessGate, type Caller } from './access'
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

/** What a handler gets besides its input: the shell's context and the caller core resolved from it. */
export type HandlerContext = CallContext & { caller: Caller }

export type Handlers = {
  [C in CallName]: (input: CallArgs<C>, ctx: HandlerContext) => CallOutput<C> | Promise<CallOutput<C>>
}

export interface Logger {
  error(message: string, error?: unknown): void
  info(message: string): void
}

export interface DispatchDeps {
  handlers: Handlers
  log: Logger
  gate: AccessGate
  /** The contract to enforce; only tests pass another (e.g. an entry without a rule, to see it refused). */
  calls?: Readonly<Record<string, { input: z.ZodType; output: z.ZodType; access?: unknown }>>
}

export type Dispatch = (channel: unknown, rawInput: unknown, rawContext: unknown) => Promise<Result<unknown>>

/**
 * The one path every call takes, whichever shell received it: context → known call → the caller's role against
 * the call's rule (FORBIDDEN before the input is even parsed; no rule, no entry) → strict parse → the counter the
 * input names, for counter calls → handler → check of the output → envelope. Nothing refused reaches a handler,
 * so nothing refused can write.
 */
export function createDispatch({ handlers, log, gate, calls = contract }: DispatchDeps): Dispatch {
  return async (channel, rawInput, rawContext) => {
    // A shell bug, not the renderer's: without a valid client there is no session to check, so nothing runs.
    const context = callContextSchema.safeParse(rawContext)
    if (!context.success) return fail('BAD_INPUT', `call context: ${z.prettifyError(context.error)}`)
    if (!isCallName(channel)) return fail('UNKNOWN_CALL', `unknown call: ${String(channel).slice(0, 100)}`)
    const spec = calls[channel]
    if (spec === undefined) return fail('UNKNOWN_CALL', `unknown call: ${channel}`)
    try {
      const { clientId, device } = context.data
      const caller = gate.caller(clientId)
      const access = ruleFor(channel, spec.access, caller, device)
      if (typeof access === 'string') return fail('FORBIDDEN', access)
      const input = spec.input.safeParse(rawInput)
      if (!input.success) return fail('BAD_INPUT', `${channel}: ${z.prettifyError(input.error)}`)
      // Extended before the counter check, as the counter controls always did: the officer is at the screen.
      if (access.touch) gate.touch(clientId)
      checkCounter(gate, access, caller, input.data, device)
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => unknown
      const output = spec.output.safeParse(await handler(input.data, { ...context.data, caller }))
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
}

import { z } from 'zod'
import { isCallName, type CallName } from '../../shared/channels'
import { contract, type CallArgs, type CallOutput } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/result'
import { AppError } from './errors'

export type Handlers = {
  [C in CallName]: (input: CallArgs<C>) => CallOutput<C> | Promise<CallOutput<C>>
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
): Promise<Result<unknown>> {
  if (!isCallName(channel)) return fail('UNKNOWN_CALL', `unknown call: ${String(channel).slice(0, 100)}`)
  const spec = contract[channel]
  const input = spec.input.safeParse(rawInput)
  if (!input.success) return fail('BAD_INPUT', `${channel}: ${z.prettifyError(input.error)}`)
  try {
    const handler = handlers[channel] as (input: unknown) => unknown
    const output = spec.output.safeParse(await handler(input.data))
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

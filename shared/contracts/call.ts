import { z } from 'zod'
import type { AccessRule } from './access'

/** Input of calls that take no arguments: an empty object, and nothing else. */
export const NoInputSchema = z.strictObject({})

/** A rule that checks the input's counter can only go with an input that has one. */
type RuleFor<I extends z.ZodType> = z.output<I> extends { counterId: number }
  ? AccessRule
  : AccessRule & { readonly atCounter: false }

/**
 * One contract call: its strict input schema, the schema of its value, and who may make it. The rule is required:
 * a call without one does not compile, and `dispatch` refuses at run time any entry that lacks one.
 */
export function call<I extends z.ZodType, O extends z.ZodType, A extends RuleFor<I>>(input: I, output: O, access: A) {
  return { input, output, access }
}

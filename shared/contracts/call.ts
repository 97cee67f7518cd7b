import { z } from 'zod'

/** Input of calls that take no arguments: an empty object, and nothing else. */
export const NoInputSchema = z.strictObject({})

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

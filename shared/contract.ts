import { z } from 'zod'
import type { CallName, EventName } from './channels'
import { CentreOverviewSchema } from './schemas/centre'
import {
  AppInfoSchema,
  RendererErrorReportSchema,
  SystemEventKindSchema,
  SystemEventSchema,
} from './schemas/system'

/** Input of calls that take no arguments: an empty object, and nothing else. */
export const NoInputSchema = z.strictObject({})

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output }
}

/** Every main↔renderer call: its strict input schema and the schema of its value on success. */
export const contract = {
  'app:info': call(NoInputSchema, AppInfoSchema),
  'centre:overview': call(NoInputSchema, CentreOverviewSchema),
  'system:events': call(
    z.strictObject({
      limit: z.number().int().min(1).max(500),
      kinds: z.array(SystemEventKindSchema).max(20).optional(),
    }),
    z.array(SystemEventSchema).max(500),
  ),
  'diagnostics:report': call(RendererErrorReportSchema, z.strictObject({ recorded: z.literal(true) })),
} satisfies Record<CallName, { input: z.ZodType; output: z.ZodType }>

/** Push events from main to the renderer, with the schema of their payload. */
export const events = {
  'system:event': SystemEventSchema,
} satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type CallInput<C extends CallName> = z.input<Contract[C]['input']>
export type CallArgs<C extends CallName> = z.output<Contract[C]['input']>
export type CallOutput<C extends CallName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

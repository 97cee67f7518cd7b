import type { z } from 'zod'
import type { CallName, EventName } from './channels'
import type { AccessRule } from './contracts/access'
import { adminCalls } from './contracts/admin'
import { backupCalls } from './contracts/backup'
import { deviceCalls, linkCalls, linkEvents } from './contracts/devices'
import { authCalls } from './contracts/auth'
import { queueCalls, queueEvents } from './contracts/queue'
import { ratingCalls, ratingEvents } from './contracts/rating'
import { reportCalls } from './contracts/reports'
import { staffCalls } from './contracts/staff'
import { syncCalls, syncEvents } from './contracts/sync'
import { systemCalls, systemEvents } from './contracts/system'

export { NoInputSchema } from './contracts/call'
export type { AccessRule, CallerRole } from './contracts/access'

/** What every contract entry is: input and output schemas, and who may make the call. */
export interface CallSpec {
  input: z.ZodType
  output: z.ZodType
  access: AccessRule
}

/**
 * Every main↔renderer call: its strict input schema, the schema of its value on success and its access rule (who
 * may make it, `contracts/access.ts`). Each domain keeps its calls in `contracts/<domain>.ts`; this map joins them,
 * and the compiler checks it against `channels.ts`.
 */
export const contract = {
  ...systemCalls,
  ...ratingCalls,
  ...queueCalls,
  ...syncCalls,
  ...authCalls,
  ...staffCalls,
  ...adminCalls,
  ...reportCalls,
  ...backupCalls,
  ...deviceCalls,
  ...linkCalls,
} satisfies Record<CallName, CallSpec>

/** Push events from main to the renderer, with the schema of their payload. */
export const events = {
  ...systemEvents,
  ...ratingEvents,
  ...queueEvents,
  ...syncEvents,
  ...linkEvents,
} satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type CallInput<C extends CallName> = z.input<Contract[C]['input']>
export type CallArgs<C extends CallName> = z.output<Contract[C]['input']>
export type CallOutput<C extends CallName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

import { z } from 'zod'
import {
  ConnectionTestSchema,
  DeadLetterSchema,
  RequeueDeadInputSchema,
  RequeueDeadResultSchema,
  SyncStatusSchema,
  UploadConfigSchema,
  UploadConfigViewSchema,
} from '../schemas/sync'
import { anyone, itOnly } from './access'
import { NoInputSchema, call } from './call'

/** Input of `sync:configure`: the stored config, where a null token keeps the stored one unless `clearToken`. */
export const UploadConfigInputSchema = z.strictObject({
  config: UploadConfigSchema,
  clearToken: z.boolean(),
})

export const syncCalls = {
  /** Pending, dead-lettered, last success, last error, next attempt. */
  'sync:status': call(NoInputSchema, SyncStatusSchema, anyone),
  /** "Sync now": one upload round (skipping the backoff wait, never a Retry-After); answers when it is over. */
  'sync:now': call(NoInputSchema, SyncStatusSchema, itOnly),
  'sync:config': call(NoInputSchema, UploadConfigViewSchema, itOnly),
  /** Admin only, like sync:deadLetters and sync:requeueDead. */
  'sync:configure': call(UploadConfigInputSchema, UploadConfigViewSchema, itOnly),
  /** Ratings the collector refused for good, oldest first, with its reason. */
  'sync:deadLetters': call(
    z.strictObject({ limit: z.number().int().min(1).max(500) }),
    z.array(DeadLetterSchema).max(500),
    itOnly,
  ),
  /** IT: send dead letters again (after fixing what the collector refused). Admin only. */
  'sync:requeueDead': call(RequeueDeadInputSchema, RequeueDeadResultSchema, itOnly),
  /** IT's "test connection": one signed POST /v1/ping to the saved endpoint; sends no ratings. Admin only. */
  'sync:test': call(NoInputSchema, ConnectionTestSchema, itOnly),
}

export const syncEvents = {
  /** Pushed whenever the upload state changes. */
  'sync:status': SyncStatusSchema,
}

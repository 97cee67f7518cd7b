import { z } from 'zod'
import { EpochMsSchema } from './common'

/**
 * POST /v1/ping — signed like every request, stores nothing: IT's "test connection" (PROTOCOL.md). A 200 means
 * the address answers, this device is enrolled, its signature verifies and its timestamp is in the window.
 */
export const PingRequestSchema = z.strictObject({ deviceId: z.uuid() })
export type PingRequest = z.infer<typeof PingRequestSchema>

export const PingResponseSchema = z.strictObject({
  deviceId: z.uuid(),
  /** The collector's clock, ms (the Date header has whole seconds only). */
  serverTime: EpochMsSchema,
})
export type PingResponse = z.infer<typeof PingResponseSchema>

import type { z } from 'zod'
import {
  BatchAckSchema,
  CollectorStatusSchema,
  EnrollRequestSchema,
  EnrollResponseSchema,
  ErrorBodySchema,
  HeartbeatAckSchema,
  HeartbeatSchema,
  UploadBatchSchema,
} from '../../../shared/schemas/upload'
import { DisputeAckSchema, DisputeBatchSchema } from '../../../shared/schemas/upload-disputes'
import { PingRequestSchema, PingResponseSchema } from '../../../shared/schemas/upload-ping'

/** Every body of the protocol by the name of its JSON Schema file in shared/protocol/schemas (and of its doc marker). */
export const protocolSchemas: Record<string, z.ZodType> = {
  'enroll-request': EnrollRequestSchema,
  'enroll-response': EnrollResponseSchema,
  'batch-request': UploadBatchSchema,
  'batch-response': BatchAckSchema,
  'heartbeat-request': HeartbeatSchema,
  'heartbeat-response': HeartbeatAckSchema,
  'dispute-request': DisputeBatchSchema,
  'dispute-response': DisputeAckSchema,
  'ping-request': PingRequestSchema,
  'ping-response': PingResponseSchema,
  error: ErrorBodySchema,
  status: CollectorStatusSchema,
}

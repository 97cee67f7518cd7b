import os from 'node:os'
import { parentPort } from 'node:worker_threads'
import { z } from 'zod'
import { AppError } from '../errors'
import { TASKS, type TaskName } from './tasks'

/** The worker thread's side of worker/pool.ts: one task at a time, each answer tagged with its request's id. */
const RequestSchema = z.strictObject({ id: z.number().int(), task: z.string().max(100), input: z.unknown() })

const port = parentPort
if (!port) throw new Error('core-worker runs as a worker thread (worker/pool.ts starts it)')

// On Linux a priority set with pid 0 applies to the calling thread only: this worker yields the CPU to the thread
// that answers taps (kiosks have 2 cores; a report and an export at once would otherwise take both). Elsewhere it
// would lower the whole process, so it is left alone.
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10)
  } catch {
    // not allowed in this sandbox: the worker just runs at normal priority
  }
}

const isTask = (name: string): name is TaskName => Object.hasOwn(TASKS, name)

async function handle(raw: unknown): Promise<void> {
  const request = RequestSchema.safeParse(raw)
  if (!request.success) return // not from the pool: nobody is waiting for an answer
  const { id, task, input } = request.data
  const fail = (code: string, message: string) => port?.postMessage({ id, kind: 'failed', code, message })
  if (!isTask(task)) return fail('UNKNOWN_CALL', `no background task ${task}`)
  const { input: schema, run } = TASKS[task] as {
    input: z.ZodType
    run: (input: unknown, progress: (value: unknown) => void) => unknown
  }
  const parsed = schema.safeParse(input)
  if (!parsed.success) return fail('BAD_INPUT', `${task}: ${z.prettifyError(parsed.error)}`)
  try {
    const value = await run(parsed.data, (progress) => port?.postMessage({ id, kind: 'progress', value: progress }))
    // A file's bytes move to the main thread rather than being copied there.
    const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : []
    port?.postMessage({ id, kind: 'done', value }, transfer)
  } catch (error) {
    if (error instanceof AppError) fail(error.code, error.message)
    else fail('INTERNAL', `${task}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

port.on('message', (raw: unknown) => void handle(raw))

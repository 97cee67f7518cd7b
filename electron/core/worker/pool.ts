import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { z } from 'zod'
import { ErrorCodeSchema } from '../../../shared/result'
import { AppError } from '../errors'
import type { TaskInput, TaskName, TaskOutput } from './tasks'

/**
 * A small pool of worker threads for the heavy, rare jobs (reports, exports, backups, restore checks, VACUUM),
 * so the thread that answers a citizen's tap never runs them. Each worker opens its own SQLite connections; WAL
 * lets them read while the main connection writes.
 *
 * A worker runs one task at a time; more tasks wait in order. A task that fails comes back as an AppError; a
 * worker that dies takes only its own task with it (the next task gets a fresh worker); a cancelled task is
 * stopped by ending its worker, since a running SQLite statement cannot be interrupted from outside.
 */
export interface WorkerPool {
  run<N extends TaskName>(task: N, input: TaskInput<N>, options?: RunOptions): Promise<TaskOutput<N>>
  /** Stops every worker; waiting and running tasks end with a "cancelled" error. */
  close(): Promise<void>
}

export interface RunOptions {
  /** Called with what the task reports while it runs (an export's row count). */
  onProgress?: (value: unknown) => void
  signal?: AbortSignal
}

export interface PoolOptions {
  /** How many tasks may run at once (each in its own thread). */
  size?: number
  /** The worker script; default: the built `core-worker.js` next to the running bundle, or the TS source. */
  script?: WorkerScript
}

export interface WorkerScript {
  file: string
  eval: boolean
}

/** What a worker posts back; checked here, since a message crosses a thread boundary. */
const ReplySchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: z.number().int(), kind: z.literal('progress'), value: z.unknown() }),
  z.strictObject({ id: z.number().int(), kind: z.literal('done'), value: z.unknown() }),
  z.strictObject({ id: z.number().int(), kind: z.literal('failed'), code: ErrorCodeSchema, message: z.string() }),
])

interface Pending {
  id: number
  task: string
  input: unknown
  options: RunOptions
  resolve(value: unknown): void
  reject(error: AppError): void
}

interface Slot {
  worker: Worker
  current: Pending | null
}

export const CANCELLED = 'the background task was cancelled'

/**
 * The built app ships `core-worker.js` beside `index.js`, `web-host.js` and `hub.js` (out/main, see
 * electron.vite.config.ts), so one rule finds it from all three; this code itself is bundled into a shared chunk
 * in out/main/chunks, hence the look one folder up. Tests and the bench run the sources: there the worker loads
 * `entry.ts` through jiti, the same loader `npm run bench` uses.
 */
export function defaultWorkerScript(dir: string = __dirname): WorkerScript {
  const built = [dir, path.dirname(dir)].map((d) => path.join(d, 'core-worker.js')).find((f) => fs.existsSync(f))
  if (built !== undefined) return { file: built, eval: false }
  const source = path.join(dir, 'entry.ts')
  const loader = `const { createJiti } = require('jiti'); createJiti(${JSON.stringify(source)}).import(${JSON.stringify(source)})`
  return { file: loader, eval: true }
}

export function createWorkerPool(options: PoolOptions = {}): WorkerPool {
  const size = Math.max(1, options.size ?? 2)
  const script = options.script ?? defaultWorkerScript()
  const slots: Slot[] = []
  const waiting: Pending[] = []
  let nextId = 1
  let closed = false

  const settle = (slot: Slot) => {
    slot.current = null
    slot.worker.unref() // an idle worker never keeps the process alive
    pump()
  }

  const spawn = (): Slot => {
    const worker = new Worker(script.file, { eval: script.eval })
    const slot: Slot = { worker, current: null }
    worker.on('message', (raw: unknown) => {
      const reply = ReplySchema.safeParse(raw)
      const job = slot.current
      if (!job || !reply.success || reply.data.id !== job.id) return
      const data = reply.data
      if (data.kind === 'progress') job.options.onProgress?.(data.value)
      else {
        if (data.kind === 'done') job.resolve(data.value)
        else job.reject(new AppError(data.code, data.message))
        settle(slot)
      }
    })
    const died = (why: string) => {
      const index = slots.indexOf(slot)
      if (index < 0) return
      slots.splice(index, 1)
      slot.current?.reject(new AppError('UNAVAILABLE', `the background worker stopped (${why}) during ${slot.current.task}`))
      slot.current = null
      pump()
    }
    worker.on('error', (error) => died(error.message))
    worker.on('exit', (code) => died(`exit code ${code}`))
    slots.push(slot)
    return slot
  }

  const pump = () => {
    while (!closed && waiting.length > 0) {
      const slot = slots.find((s) => s.current === null) ?? (slots.length < size ? spawn() : null)
      if (!slot) return
      const job = waiting.shift() as Pending
      slot.current = job
      slot.worker.ref()
      slot.worker.postMessage({ id: job.id, task: job.task, input: job.input })
    }
  }

  const cancel = (job: Pending) => {
    const queued = waiting.indexOf(job)
    if (queued >= 0) {
      waiting.splice(queued, 1)
      job.reject(new AppError('CONFLICT', CANCELLED))
      return
    }
    const slot = slots.find((s) => s.current === job)
    if (!slot) return
    slots.splice(slots.indexOf(slot), 1)
    slot.current = null
    job.reject(new AppError('CONFLICT', CANCELLED))
    void slot.worker.terminate()
    pump()
  }

  return {
    run(task, input, runOptions = {}) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new AppError('UNAVAILABLE', 'the background workers are stopped'))
        const { signal } = runOptions
        if (signal?.aborted) return reject(new AppError('CONFLICT', CANCELLED))
        const job: Pending = {
          id: nextId++,
          task,
          input,
          options: runOptions,
          resolve: (value) => {
            signal?.removeEventListener('abort', onAbort)
            resolve(value as TaskOutput<typeof task>)
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort)
            reject(error)
          },
        }
        const onAbort = () => cancel(job)
        signal?.addEventListener('abort', onAbort)
        waiting.push(job)
        pump()
      })
    },
    async close() {
      closed = true
      for (const job of waiting.splice(0)) job.reject(new AppError('CONFLICT', CANCELLED))
      const all = slots.splice(0)
      for (const slot of all) slot.current?.reject(new AppError('CONFLICT', CANCELLED))
      await Promise.all(all.map((slot) => slot.worker.terminate()))
    },
  }
}

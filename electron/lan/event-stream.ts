import type http from 'node:http'

export interface StreamOptions {
  /** A heartbeat comment this often, so a client notices a dead hub within a few seconds. */
  heartbeatMs: number
  /** Bytes a client may have waiting unsent (ours plus the socket's); beyond it the client is dropped. */
  maxBufferedBytes: number
  /** Called every heartbeat per stream: false ends the stream (the device was revoked meanwhile). */
  stillAllowed: (deviceId: string) => boolean
}

export interface EventStreams {
  /** `hello` is what the first frame tells the client about itself (its role and counter as the hub has them). */
  open(deviceId: string, res: http.ServerResponse, hello: unknown): void
  publish(event: string, payload: unknown): void
  /**
   * A frame to one device's streams only, without a sequence number: it is about that device (IT moved it), not
   * the centre's state, so other clients must not see a gap in the numbers and nobody resyncs for it.
   */
  tell(deviceId: string, event: string, payload: unknown): void
  /** The number of the last published event: a call answered now reflects at least every event up to it. */
  seq(): number
  /** Ends every stream of this device at once (revoked). */
  closeDevice(deviceId: string): void
  count(): number
  /** Whether this device has a stream open now. */
  has(deviceId: string): boolean
  /** Streams dropped for not reading (for diagnostics and tests). */
  dropped(): number
  close(): void
}

/**
 * Server-sent events to paired clients. Every frame carries the next sequence number (`id:`), so a client sees a
 * gap or a restart (the number goes back) and takes a fresh snapshot. A client that does not read — a stuck or
 * very slow PC — is dropped as soon as its unsent bytes pass the cap: the hub never buffers without bound, and a
 * dropped client reconnects and snapshots like after any other break.
 */
export function createEventStreams(options: StreamOptions): EventStreams {
  const streams = new Map<http.ServerResponse, string>()
  let seq = 0
  let droppedCount = 0

  const end = (res: http.ServerResponse) => {
    streams.delete(res)
    res.destroy()
  }

  const send = (res: http.ServerResponse, frame: string) => {
    res.write(frame)
    // writableLength counts what the response holds plus what its socket has not yet handed to the kernel.
    if (res.writableLength > options.maxBufferedBytes) {
      droppedCount += 1
      end(res)
    }
  }

  const timer = setInterval(() => {
    for (const [res, deviceId] of streams) {
      if (!options.stillAllowed(deviceId)) end(res)
      else send(res, `: heartbeat ${seq}\n\n`)
    }
  }, options.heartbeatMs)
  timer.unref()

  return {
    open(deviceId, res, hello) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      })
      streams.set(res, deviceId)
      res.on('close', () => streams.delete(res))
      // The current number first, so the client knows where the stream starts.
      send(res, `retry: 1000\nid: ${seq}\nevent: hello\ndata: ${JSON.stringify(hello)}\n\n`)
    },
    publish(event, payload) {
      seq += 1
      const frame = `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const res of [...streams.keys()]) send(res, frame)
    },
    tell(deviceId, event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
      for (const [res, id] of [...streams]) if (id === deviceId) send(res, frame)
    },
    seq: () => seq,
    closeDevice(deviceId) {
      for (const [res, id] of [...streams]) if (id === deviceId) end(res)
    },
    count: () => streams.size,
    has: (deviceId) => [...streams.values()].includes(deviceId),
    dropped: () => droppedCount,
    close() {
      clearInterval(timer)
      for (const res of [...streams.keys()]) end(res)
    },
  }
}

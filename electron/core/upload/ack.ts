import type { BatchAck } from '../../../shared/schemas/upload'
import type { OutboxItem } from './outbox-repo'

/** What a batch answer does to the batch's ratings (PROTOCOL.md, "Batches"). */
export type Settlement =
  | {
      ok: true
      /** stored / duplicate: the collector has them. */
      sent: number[]
      /** conflict: refused for good. */
      dead: { outboxId: number; reason: string }[]
      /** Left out of the answer: they stay pending and go again (the collector answers `duplicate` if it had them). */
      unacknowledged: number[]
    }
  | { ok: false; message: string }

/**
 * Reads the per-rating verdicts of a batch answer. An answer that names a rating twice, or a rating the batch did
 * not carry, is not an answer to this batch: nothing is settled from it and the batch is retried with backoff.
 * Taking the first of two verdicts would dead-letter a rating the collector says it stored (`conflict` then
 * `stored`); taking the last would mark sent one it says it refused — the kiosk cannot know which is true.
 */
export function settle(items: readonly OutboxItem[], results: BatchAck['results']): Settlement {
  const byUuid = new Map(items.map((i) => [i.record.uuid, i]))
  const named = new Set<string>()
  const sent: number[] = []
  const dead: { outboxId: number; reason: string }[] = []
  for (const r of results) {
    const item = byUuid.get(r.uuid)
    if (item === undefined) return { ok: false, message: `the answer names rating ${r.uuid}, which the batch did not carry` }
    if (named.has(r.uuid)) return { ok: false, message: `the answer names rating ${r.uuid} more than once` }
    named.add(r.uuid)
    if (r.status === 'conflict') dead.push({ outboxId: item.outboxId, reason: `conflict: ${r.reason ?? ''}` })
    else sent.push(item.outboxId)
  }
  const unacknowledged = items.filter((i) => !named.has(i.record.uuid)).map((i) => i.outboxId)
  return { ok: true, sent, dead, unacknowledged }
}

import { z } from 'zod'
import { EpochMsSchema, IdSchema, line, text } from './common'

export const ShellKindSchema = z.enum(['electron', 'web'])

export const AppInfoSchema = z.strictObject({
  name: line(100),
  version: line(50),
  shell: ShellKindSchema,
  schemaVersion: z.number().int().nonnegative(),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const SystemEventKindSchema = z.enum([
  'db.created',
  'db.recovered', // the DB file failed its check and was moved aside; a fresh one was created
  'db.seeded',
  'renderer.error',
  'rating.failed', // a citizen's rating could not be saved; the kiosk apologised and asked them to tell the officer
  'queue.print_failed', // a ticket could not be printed; it was shown on screen instead
  'queue.source_lost', // the external queue system stopped answering with good data
  'queue.source_restored',
  'backup.genesis_not_removed', // a backup taken before enrollment still holds the chain's key_1: IT must destroy it
  'chain.key_unavailable', // the chain's key does not open on this machine (a copied database): no rating can be saved
])
export type SystemEventKind = z.infer<typeof SystemEventKindSchema>

export const SystemEventSchema = z.strictObject({
  id: IdSchema,
  at: EpochMsSchema,
  kind: SystemEventKindSchema,
  detail: text(4000),
})
export type SystemEvent = z.infer<typeof SystemEventSchema>

/** What the renderer reports when it hits an error it cannot handle itself; recorded for IT. */
export const RendererErrorReportSchema = z.strictObject({
  message: line(500, 1),
  screen: line(100),
  stack: text(4000).optional(),
})
export type RendererErrorReport = z.infer<typeof RendererErrorReportSchema>

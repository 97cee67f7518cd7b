import { z } from 'zod'
import { CentreOverviewSchema } from '../schemas/centre'
import { AppInfoSchema, RendererErrorReportSchema, SystemEventKindSchema, SystemEventSchema } from '../schemas/system'
import { UpdateChannelSchema, UpdateConfigSchema, UpdateStatusSchema } from '../schemas/updates'
import { anyone, itOnly, onDevices } from './access'
import { NoInputSchema, call } from './call'

/** A zip as base64: at most ~10 MB, well inside what a client reads from the hub in one answer. */
export const DiagnosticsPartSchema = z.strictObject({
  name: z.string().max(104).regex(/^[A-Za-z0-9._-]{1,100}\.zip$/),
  zipBase64: z
    .string()
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
})

export const systemCalls = {
  'app:info': call(NoInputSchema, AppInfoSchema, anyone),
  'centre:overview': call(NoInputSchema, CentreOverviewSchema, anyone),
  'system:events': call(
    z.strictObject({
      limit: z.number().int().min(1).max(500),
      kinds: z.array(SystemEventKindSchema).max(20).optional(),
    }),
    z.array(SystemEventSchema).max(500),
    itOnly,
  ),
  'diagnostics:report': call(RendererErrorReportSchema, z.strictObject({ recorded: z.literal(true) }), anyone),
  /**
   * "Lưu gói chẩn đoán": a zip for remote support (versions, database statistics, configuration without secrets,
   * logs), saved where the shell puts it (Electron: a save dialog IT may cancel; web host: the data folder). Only
   * the hub's own windows: a paired PC answers this call itself (its own part, plus the hub's through
   * `diagnostics:collect`), so no device ever opens a save dialog on the hub's screen.
   */
  'diagnostics:package': call(
    NoInputSchema,
    z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), file: z.string().max(1000), bytes: z.number().int().nonnegative() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
    onDevices(itOnly, []),
  ),
  /**
   * The hub's own part of the package for an admin client PC, which saves it on that PC next to its own part (its
   * "Lưu gói chẩn đoán", electron/lan/client-diagnostics.ts): the same zip, handed back instead of saved on the hub.
   */
  'diagnostics:collect': call(NoInputSchema, DiagnosticsPartSchema, itOnly),
  /** The app version, the update feed IT set and what the updater last found (admin health page). */
  'updates:status': call(NoInputSchema, UpdateStatusSchema, itOnly),
  /** IT sets the feed the hub follows (province or intranet, https); audited. Clients follow their hub. */
  'updates:configure': call(UpdateConfigSchema, z.strictObject({ saved: z.literal(true) }), itOnly),
  /**
   * The channel IT chose for the centre, which every paired PC's updater follows on the hub's mirror (asked before
   * each check, so a change on the hub reaches the clients without pairing again). Asked by the client's shell
   * itself, without a staff session, from every device role: it names a channel and nothing else.
   */
  'updates:channel': call(NoInputSchema, z.strictObject({ channel: UpdateChannelSchema }), anyone),
}

export const systemEvents = {
  'system:event': SystemEventSchema,
}

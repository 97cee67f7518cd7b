import { z } from 'zod'
import { CentreOverviewSchema } from '../schemas/centre'
import { AppInfoSchema, RendererErrorReportSchema, SystemEventKindSchema, SystemEventSchema } from '../schemas/system'
import { UpdateChannelSchema, UpdateConfigSchema, UpdateStatusSchema } from '../schemas/updates'
import { anyone, itOnly } from './access'
import { NoInputSchema, call } from './call'

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
   * logs), saved where the shell puts it (Electron: a save dialog IT may cancel; web host: the data folder).
   */
  'diagnostics:package': call(
    NoInputSchema,
    z.discriminatedUnion('saved', [
      z.strictObject({ saved: z.literal(true), file: z.string().max(1000), bytes: z.number().int().nonnegative() }),
      z.strictObject({ saved: z.literal(false) }),
    ]),
    itOnly,
  ),
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

import { z } from 'zod'
import { EpochMsSchema, line } from './common'
import { EndpointSchema } from './sync'

/** electron-builder's channels: `latest` for everyone, `beta` for the few PCs IT tries a release on first. */
export const UpdateChannelSchema = z.enum(['latest', 'beta'])
export type UpdateChannel = z.infer<typeof UpdateChannelSchema>

/**
 * Where the hub takes updates from (settings key `updates`, set by IT): the province's or the intranet's update
 * server, an electron-builder "generic" feed (latest.yml, latest-linux.yml and the installers). https only, like
 * the collector (plain http only on the machine itself). Null: this centre does not update over the network.
 * Clients never use it: they follow their hub's mirror.
 */
export const UpdateConfigSchema = z.strictObject({
  feedUrl: EndpointSchema.nullable(),
  channel: UpdateChannelSchema,
})
export type UpdateConfig = z.infer<typeof UpdateConfigSchema>

export const defaultUpdateConfig: UpdateConfig = { feedUrl: null, channel: 'latest' }

/** What the last update check found, as the admin health page shows it. */
export const UpdateResultSchema = z.enum([
  'never', // no check yet since the app started
  'no-feed', // no feed configured (or this shell does not update, e.g. the web host)
  'up-to-date',
  'downloading', // a newer version is being fetched in the background
  'downloaded', // ready: installs at the nightly restart or the next start
  'error',
])

export const UpdaterStateSchema = z.strictObject({
  channel: UpdateChannelSchema,
  feedUrl: z.string().max(600).nullable(),
  lastCheckAt: EpochMsSchema.nullable(),
  result: UpdateResultSchema,
  /** The version found on the feed, when newer than this one. */
  availableVersion: line(50).nullable(),
  error: line(500).nullable(),
})
export type UpdaterState = z.infer<typeof UpdaterStateSchema>

export const UpdateStatusSchema = z.strictObject({
  version: line(50),
  config: UpdateConfigSchema,
  /** Null where no updater runs (the web host, the headless hub). */
  updater: UpdaterStateSchema.nullable(),
})
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>

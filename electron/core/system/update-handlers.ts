import { defaultUpdateConfig, UpdateConfigSchema, type UpdateConfig, type UpdaterState } from '../../../shared/schemas/updates'
import type { AppInfo } from '../../../shared/schemas/system'
import { staffActor } from '../access'
import { appendAudit } from '../audit/audit-repo'
import type { Clock } from '../clock'
import type { Db } from '../db/open'
import type { Handlers } from '../dispatch'

/** The shell's updater, as core sees it (electron/main/updater.ts); absent under the web host and the headless hub. */
export interface UpdatesShell {
  state(): UpdaterState
  /** Told the feed IT set, once at start and after every change, so the next check uses it. */
  configured(config: UpdateConfig): void
}

const KEY = 'updates'

/**
 * The feed IT set, in the settings table under its own key (this module's schema, not config-repo's map: only
 * the updater reads it). A row that no longer parses means no feed — updating stops, nothing else does.
 */
export function getUpdateConfig(db: Db): UpdateConfig {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY)
  if (typeof row !== 'string') return defaultUpdateConfig
  let json: unknown
  try {
    json = JSON.parse(row)
  } catch {
    return defaultUpdateConfig
  }
  const parsed = UpdateConfigSchema.safeParse(json)
  return parsed.success ? parsed.data : defaultUpdateConfig
}

export function createUpdateHandlers(deps: {
  db: Db
  clock: Clock
  info: AppInfo
  updates?: UpdatesShell
}): Pick<Handlers, 'updates:status' | 'updates:configure' | 'updates:channel'> {
  deps.updates?.configured(getUpdateConfig(deps.db))
  return {
    'updates:status': () => ({
      version: deps.info.version,
      config: getUpdateConfig(deps.db),
      updater: deps.updates?.state() ?? null,
    }),
    'updates:configure': (input, { caller }) => {
      // Already parsed by dispatch against the contract's schema, which is this one.
      const config: UpdateConfig = input
      deps.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(KEY, JSON.stringify(config))
      appendAudit(deps.db, deps.clock.now(), staffActor(caller), { action: 'updates.configure', detail: config })
      deps.updates?.configured(config)
      return { saved: true as const }
    },
    // Read from the settings each time: the next check of every client follows a change IT just made.
    'updates:channel': () => ({ channel: getUpdateConfig(deps.db).channel }),
  }
}

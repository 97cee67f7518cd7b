/**
 * The names of every call and push event, in one place. Kept free of zod so the sandboxed preload can import it
 * without bundling the schemas. `contract.ts` gives each name its schemas; the compiler checks the two agree.
 *
 * How to add a call: add its `domain:verb` name here; declare it in `contracts/<domain>.ts` with its input and output
 * schemas and its access rule (`contracts/access.ts`: who may make it — there is no default, `dispatch` refuses a call
 * without one); write its handler in `electron/core/handlers.ts`, relying on dispatch for access. README "Adding a
 * call" has the steps. The preload, the web host and the renderer's typed client pick it up from there.
 */
export const CALLS = [
  // system (contracts/system.ts)
  'app:info',
  'centre:overview',
  'system:events',
  'diagnostics:report',
  'diagnostics:package',
  'diagnostics:collect',
  'updates:status',
  'updates:configure',
  'updates:channel',
  // rating (contracts/rating.ts)
  'rating:form',
  'rating:lookup',
  'rating:recent',
  'rating:open',
  'rating:submit',
  'rating:dismiss',
  // queue (contracts/queue.ts)
  'queue:board',
  'queue:options',
  'queue:take',
  'queue:counter',
  'queue:callNext',
  'queue:recall',
  'queue:serve',
  'queue:skip',
  'queue:transfer',
  'queue:complete',
  // sync (contracts/sync.ts)
  'sync:status',
  'sync:now',
  'sync:config',
  'sync:configure',
  'sync:deadLetters',
  'sync:requeueDead',
  'sync:test',
  // auth (contracts/auth.ts)
  'auth:accounts',
  'auth:login',
  'auth:setup',
  'auth:logout',
  'auth:session',
  'auth:touch',
  'auth:list',
  'auth:setOfficerPin',
  'auth:addAdmin',
  'auth:unlock',
  'auth:disable',
  'auth:setAdminPin',
  'audit:list',
  'audit:export',
  // staff (contracts/staff.ts)
  'staff:myRatings',
  'staff:dispute',
  'disputes:list',
  'disputes:resolve',
  // admin (contracts/admin.ts)
  'admin:health',
  'admin:config',
  'admin:saveCentre',
  'admin:saveKiosk',
  'admin:saveRatingForm',
  'admin:saveQueueOptions',
  'admin:saveField',
  'admin:saveCounter',
  'admin:saveOfficer',
  'admin:assign',
  'admin:ratingFormDefaults',
  'admin:exportConfig',
  'admin:importConfig',
  // reports (contracts/reports.ts)
  'reports:summary',
  'reports:pdf',
  'exports:start',
  'exports:status',
  'exports:chunk',
  // backup (contracts/backup.ts)
  'backup:list',
  'backup:now',
  'backup:restore',
  // centre network (contracts/devices.ts)
  'devices:list',
  'devices:pairStart',
  'devices:rename',
  'devices:move',
  'devices:revoke',
  'link:status',
  'link:pair',
  'link:discover',
] as const

export const EVENTS = [
  // system
  'system:event',
  // rating
  'rating:requested',
  'rating:withdrawn',
  // queue
  'queue:changed',
  'queue:called',
  'queue:printed',
  'queue:options',
  // sync
  'sync:status',
  // centre network
  'link:status',
] as const

export type CallName = (typeof CALLS)[number]
export type EventName = (typeof EVENTS)[number]

const callSet: ReadonlySet<string> = new Set(CALLS)
const eventSet: ReadonlySet<string> = new Set(EVENTS)

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && callSet.has(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name)
}

/**
 * Events for IT only: never pushed to a screen's stream (a citizen page, a board or lobby PC). The system log
 * holds error stacks and database events; IT reads it through `system:events`, an IT-only call. In-process
 * subscribers of core (the shells' own logging, tests) still get it.
 */
const IT_ONLY_EVENTS: ReadonlySet<string> = new Set<EventName>(['system:event'])

export function isScreenEvent(name: string): boolean {
  return !IT_ONLY_EVENTS.has(name)
}

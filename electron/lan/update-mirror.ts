import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { UpdateConfig, UpdaterState } from '../../shared/schemas/updates'

/** The channel files a centre's PCs read: Windows (`latest.yml`/`beta.yml`) and Linux (`…-linux.yml`). */
export function channelFiles(channel: string): string[] {
  return [`${channel}.yml`, `${channel}-linux.yml`]
}

interface FeedEntry {
  url: string
  sha512: string
}

/** A plain file name of the feed's own folder: the mirror never follows a link elsewhere. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/

/**
 * The few fields the mirror needs from an electron-builder channel file (version, and each file's url and
 * sha512). A line reader, not a YAML library: the format is electron-builder's own and flat, and what is not
 * understood is refused rather than guessed.
 */
export function parseChannelFile(text: string): { version: string; files: FeedEntry[] } | null {
  const unquote = (v: string) => v.trim().replace(/^(['"])(.*)\1$/, '$2')
  const version = /^version:\s*(.+)$/m.exec(text)?.[1]
  const files: FeedEntry[] = []
  let current: Partial<FeedEntry> | null = null
  for (const line of text.split(/\r?\n/)) {
    const url = /^\s*-\s+url:\s*(.+)$/.exec(line)?.[1]
    if (url !== undefined) {
      current = { url: unquote(url) }
      files.push(current as FeedEntry)
      continue
    }
    const sha = /^\s+sha512:\s*(.+)$/.exec(line)?.[1]
    if (sha !== undefined && current !== null) current.sha512 = unquote(sha)
    if (/^\S/.test(line)) current = null
  }
  const complete = files.every((f) => PLAIN_NAME.test(f.url) && !f.url.includes('..') && /^[A-Za-z0-9+/]+=*$/.test(f.sha512 ?? ''))
  if (version === undefined || files.length === 0 || !complete) return null
  return { version: unquote(version), files }
}

/**
 * Read in pieces, not in one: an installer is a hundred megabytes or more, and the hub's event loop carries every
 * client's heartbeat — held for more than about half a second, the centre's screens show "Mất kết nối".
 */
async function sha512Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha512')
  for await (const piece of fs.createReadStream(file)) hash.update(piece as Buffer)
  return hash.digest('base64')
}

/**
 * Copies the province's feed into `dir`, which the hub serves to its paired clients (update-files.ts). Each
 * installer is downloaded once, checked against the sha512 the channel file names (a cut or altered download is
 * deleted, never served), and the channel file is written last, by rename: a client never sees a release whose
 * installer is not complete on the hub. The channel file is kept byte for byte, `stagingPercentage` included, so
 * each client's electron-updater makes the staged-rollout decision itself. Returns the versions mirrored.
 */
export async function mirrorFeed(options: {
  feedUrl: string
  channel: string
  dir: string
  fetch?: typeof fetch
}): Promise<string[]> {
  const get = options.fetch ?? fetch
  const base = options.feedUrl.endsWith('/') ? options.feedUrl : `${options.feedUrl}/`
  fs.mkdirSync(options.dir, { recursive: true })
  const mirrored: string[] = []
  for (const name of channelFiles(options.channel)) {
    const answer = await get(new URL(name, base), { redirect: 'error' })
    // Not every feed has every platform.
    if (answer.status === 404) continue
    if (!answer.ok) throw new Error(`${name}: HTTP ${answer.status}`)
    const text = await answer.text()
    const feed = parseChannelFile(text)
    if (feed === null) throw new Error(`${name} is not an electron-builder channel file`)
    for (const entry of feed.files) {
      const target = path.join(options.dir, entry.url)
      if (fs.existsSync(target) && (await sha512Of(target)) === entry.sha512) continue
      const download = await get(new URL(encodeURIComponent(entry.url), base), { redirect: 'error' })
      if (!download.ok || download.body === null) throw new Error(`${entry.url}: HTTP ${download.status}`)
      const partial = `${target}.partial`
      await pipeline(Readable.fromWeb(download.body), fs.createWriteStream(partial, { mode: 0o644 }))
      if ((await sha512Of(partial)) !== entry.sha512) {
        fs.rmSync(partial, { force: true })
        throw new Error(`${entry.url}: sha512 does not match ${name}; not mirrored`)
      }
      fs.renameSync(partial, target)
    }
    const tmp = path.join(options.dir, `${name}.partial`)
    fs.writeFileSync(tmp, text)
    fs.renameSync(tmp, path.join(options.dir, name))
    mirrored.push(`${name} ${feed.version}`)
  }
  if (mirrored.length === 0) throw new Error(`no ${channelFiles(options.channel).join(' nor ')} on the feed`)
  pruneMirror(options.dir)
  return mirrored
}

/**
 * Each release adds installers of a hundred megabytes or more, and a hub runs for years: once a round has
 * mirrored its channel, every file that no channel file in the folder names any more (older releases, a download
 * cut by a crash) is deleted. Files named by another channel's file (beta, tried earlier) stay while it is there.
 */
function pruneMirror(dir: string): void {
  const names = fs.readdirSync(dir)
  const named = new Set<string>()
  for (const name of names.filter((n) => n.endsWith('.yml'))) {
    let feed: ReturnType<typeof parseChannelFile> = null
    try {
      feed = parseChannelFile(fs.readFileSync(path.join(dir, name), 'utf8'))
    } catch {
      // Unreadable: named nothing.
    }
    for (const entry of feed?.files ?? []) named.add(entry.url)
  }
  for (const name of names) {
    if (name.endsWith('.yml') || named.has(name)) continue
    const file = path.join(dir, name)
    try {
      if (fs.lstatSync(file).isFile()) fs.rmSync(file, { force: true })
    } catch {
      // Still in use or already gone: tried again next round; the release itself is mirrored.
    }
  }
}

/**
 * The headless hub keeps its mirror fresh: a minute after start, then every few hours, from the feed IT set in
 * admin (core tells it through `configured`). Its state is what the admin health page shows for the hub.
 */
export function startMirrorSchedule(options: {
  dir: string
  config: () => UpdateConfig
  now: () => number
  log: (message: string) => void
  fetch?: typeof fetch
  firstMs?: number
  everyMs?: number
  setTimeout?: (fn: () => void, ms: number) => { unref?: () => void }
}) {
  const later = options.setTimeout ?? setTimeout
  let state: UpdaterState = { channel: 'latest', feedUrl: null, lastCheckAt: null, result: 'never', availableVersion: null, error: null }
  const run = async (): Promise<void> => {
    const { feedUrl, channel } = options.config()
    state = { ...state, channel, feedUrl, lastCheckAt: options.now() }
    if (feedUrl === null) {
      state = { ...state, result: 'no-feed', error: null }
      return
    }
    try {
      const mirrored = await mirrorFeed({ feedUrl, channel, dir: options.dir, fetch: options.fetch })
      const version = mirrored[0]?.split(' ')[1] ?? null
      state = { ...state, result: 'up-to-date', availableVersion: version, error: null }
    } catch (error) {
      options.log(`update mirror failed: ${String(error)}`)
      state = { ...state, result: 'error', error: String(error).slice(0, 500) }
    }
  }
  // Stopped when the hub stops serving (the Electron hub's quit): no download starts after that.
  let stopped = false
  // One round at a time: two would share the folder, and the prune of one deletes the other's download in progress.
  let running: Promise<void> | null = null
  let changedMeanwhile = false
  const differs = () => {
    const { feedUrl, channel } = options.config()
    return feedUrl !== state.feedUrl || channel !== state.channel
  }
  const round = (): Promise<void> => {
    if (running !== null) return running
    running = run().finally(() => {
      running = null
      const again = changedMeanwhile
      changedMeanwhile = false
      // IT saved again while this round ran (a corrected address, the channel switched back): mirror that now,
      // not at the next round hours later — clients already follow the channel the hub names.
      if (again && !stopped && differs()) void round()
    })
    return running
  }
  const arm = (ms: number) => {
    later(() => {
      if (!stopped) void round().finally(() => arm(options.everyMs ?? 4 * 3600_000))
    }, ms).unref?.()
  }
  arm(options.firstMs ?? 60_000)
  return {
    state: () => state,
    run: round,
    /**
     * IT changed the feed or the channel in admin: the clients follow the hub's channel at their next check
     * (updates:channel) and the hub serves that channel's files only, so the new channel is mirrored now rather
     * than at the next round, hours later. Before the first round (the start itself tells the config) nothing is
     * done: that round reads the config anyway. A change saved while a round runs is mirrored right after it.
     */
    configured: (): void => {
      if (stopped || state.lastCheckAt === null) return
      if (running !== null) {
        changedMeanwhile = true
        return
      }
      if (differs()) void round()
    },
    stop: () => {
      stopped = true
    },
  }
}

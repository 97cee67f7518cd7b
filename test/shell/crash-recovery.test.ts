import type { RenderProcessGoneDetails } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { recoverFromCrashes } from '../../electron/main/crash-recovery'
import { createFakeElectron, fakeEvent, FakeWebContents, spyLogger, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

function setUp() {
  let t = 1_000_000
  const contents = new FakeWebContents()
  const reload = vi.fn()
  const log = spyLogger()
  recoverFromCrashes(contents.asWebContents(), { reload, log, now: () => t })
  const crash = (reason: RenderProcessGoneDetails['reason'] = 'crashed') =>
    contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 })
  return { contents, reload, log, crash, advance: (ms: number) => void (t += ms) }
}

describe('recoverFromCrashes', () => {
  const reasons = ['crashed', 'oom', 'killed', 'abnormal-exit'] as const
  it.each(reasons)('reloads after the renderer is gone (%s)', (reason) => {
    const { reload, log, crash } = setUp()
    crash(reason)
    expect(reload).toHaveBeenCalledOnce()
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining(reason))
  })

  it('stops reloading after more than 3 crashes within 60 s, and says so', () => {
    const { reload, log, crash, advance } = setUp()
    for (let i = 0; i < 5; i++) {
      crash()
      advance(5_000)
    }
    expect(reload).toHaveBeenCalledTimes(3)
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('not reloading again'))
  })

  it('forgets crashes older than 60 s', () => {
    const { reload, crash, advance } = setUp()
    for (let i = 0; i < 6; i++) {
      crash()
      advance(30_000)
    }
    expect(reload).toHaveBeenCalledTimes(6)
  })

  it('does not reload on a clean exit or once the web-contents is destroyed', () => {
    const { contents, reload, crash } = setUp()
    crash('clean-exit')
    contents.destroyed = true
    crash('crashed')
    expect(reload).not.toHaveBeenCalled()
  })

  it('logs unresponsive and responsive', () => {
    const { contents, log } = setUp()
    contents.emit('unresponsive')
    contents.emit('responsive')
    expect(log.warn).toHaveBeenCalledWith('renderer unresponsive')
    expect(log.info).toHaveBeenCalledWith('renderer responsive again')
  })
})

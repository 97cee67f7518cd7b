import type { Input } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { guardShortcuts, isBlockedShortcut } from '../../electron/main/security/shortcuts'
import { createFakeElectron, fakeEvent, FakeWebContents, spyLogger, type FakeElectron } from './fake-electron'

const electron = vi.hoisted(() => ({ fake: null as FakeElectron | null }))
vi.mock('electron', async () => (await import('./fake-electron')).electronModule(() => electron.fake))
beforeEach(() => {
  electron.fake = createFakeElectron()
})

function key(key: string, code: string, mods: Partial<Pick<Input, 'control' | 'meta' | 'shift' | 'alt'>> = {}): Input {
  return {
    type: 'keyDown',
    key,
    code,
    isAutoRepeat: false,
    isComposing: false,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    location: 0,
    modifiers: [],
    ...mods,
  }
}

const blocked: [string, Input][] = [
  ['F5', key('F5', 'F5')],
  ['Ctrl+F5', key('F5', 'F5', { control: true })],
  ['Ctrl+R', key('r', 'KeyR', { control: true })],
  ['Cmd+R', key('r', 'KeyR', { meta: true })],
  ['Ctrl+Shift+R', key('R', 'KeyR', { control: true, shift: true })],
  ['F12', key('F12', 'F12')],
  ['Ctrl+Shift+I', key('I', 'KeyI', { control: true, shift: true })],
  ['Ctrl+Shift+J', key('J', 'KeyJ', { control: true, shift: true })],
  ['Ctrl+Shift+C', key('C', 'KeyC', { control: true, shift: true })],
  ['Cmd+Alt+I', key('ˆ', 'KeyI', { meta: true, alt: true })],
  ['Ctrl+=', key('=', 'Equal', { control: true })],
  ['Ctrl+-', key('-', 'Minus', { control: true })],
  ['Ctrl+0', key('0', 'Digit0', { control: true })],
]

const allowed: [string, Input][] = [
  ['a', key('a', 'KeyA')],
  ['R', key('R', 'KeyR', { shift: true })],
  ['0', key('0', 'Digit0')],
  ['Enter', key('Enter', 'Enter')],
  ['Backspace', key('Backspace', 'Backspace')],
  ['Ctrl+C (copy)', key('c', 'KeyC', { control: true })],
  ['Ctrl+V (paste)', key('v', 'KeyV', { control: true })],
  ['Shift+I', key('I', 'KeyI', { shift: true })],
]

describe('shortcut guard in production', () => {
  function guarded() {
    const contents = new FakeWebContents()
    guardShortcuts(contents.asWebContents(), { production: true, log: spyLogger() })
    return contents
  }

  it.each(blocked)('swallows %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(true)
    const event = fakeEvent()
    guarded().emit('before-input-event', event, input)
    expect(event.defaultPrevented).toBe(true)
  })

  it.each(allowed)('lets %s through', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(false)
    const event = fakeEvent()
    guarded().emit('before-input-event', event, input)
    expect(event.defaultPrevented).toBe(false)
  })
})

describe('shortcut guard in dev', () => {
  it.each(blocked)('blocks nothing, not even %s', (_name, input) => {
    const contents = new FakeWebContents()
    guardShortcuts(contents.asWebContents(), { production: false, log: spyLogger() })
    expect(contents.listenerCount('before-input-event')).toBe(0)
    const event = fakeEvent()
    contents.emit('before-input-event', event, input)
    expect(event.defaultPrevented).toBe(false)
  })
})

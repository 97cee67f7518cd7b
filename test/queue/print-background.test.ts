import { describe, expect, it, vi } from 'vitest'
import type { IssuedTicket, TicketPrinted } from '../../shared/schemas/queue'
import type { SystemEvent } from '../../shared/schemas/system'
import type { Core } from '../../electron/core/core'
import { testCore, TEST_CLIENT } from '../helpers/core'
import type * as ReceiptModule from '../../electron/core/queue/receipt'
import { demoIds, query, readQueueSettings, value, writeSetting } from './helpers'

/** Lets a test make the receipt template throw, as a bug in it would after the ticket is committed. */
const receipt = vi.hoisted(() => ({ broken: false }))
vi.mock('../../electron/core/queue/receipt', async (importOriginal) => {
  const real = await importOriginal<typeof ReceiptModule>()
  return {
    ...real,
    renderReceipt: (d: Parameters<typeof real.renderReceipt>[0]) => {
      if (receipt.broken) throw new Error('template bug')
      return real.renderReceipt(d)
    },
  }
})

function nextPrinted(core: Core): Promise<TicketPrinted> {
  return new Promise((resolve) => {
    const off = core.subscribe((event, payload) => {
      if (event !== 'queue:printed') return
      off()
      resolve(payload as TicketPrinted)
    })
  })
}

function enablePrinter(core: Core): void {
  writeSetting(core.dbFile, 'queue', {
    ...readQueueSettings(core.dbFile),
    printer: { enabled: true, deviceName: '', paperWidthMm: 58 },
  })
}

describe('printing a taken ticket', () => {
  it('answers with the number without waiting for a printer that has not finished', async () => {
    let finish: (error?: Error) => void = () => {}
    const core = testCore({
      // Settles only when the test says so: a take that waited for it would never answer.
      printer: () => new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve()))),
    })
    const { field } = await demoIds(core)
    enablePrinter(core)
    const printed = nextPrinted(core)
    const ticket = await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT))
    expect(ticket).toMatchObject({ code: 'A0001', print: { state: 'printing' } })
    finish(new Error('the printer did not answer'))
    expect(await printed).toEqual({ uid: ticket.uid, print: { state: 'failed', reason: 'the printer did not answer' } })
  })

  it('a receipt that fails to render after the commit still gives the citizen the one number taken', async () => {
    receipt.broken = true
    try {
      const printer = vi.fn(async () => {})
      const core = testCore({ printer })
      const { field } = await demoIds(core)
      enablePrinter(core)
      const seen: SystemEvent[] = []
      core.subscribe((event, payload) => void (event === 'system:event' && seen.push(payload as SystemEvent)))
      const printed = nextPrinted(core)
      const result = await core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT)
      expect(result.ok).toBe(true)
      expect((await printed).print).toEqual({ state: 'failed', reason: 'template bug' })
      expect(printer).not.toHaveBeenCalled()
      expect(seen.map((e) => e.kind)).toEqual(['queue.print_failed'])
      expect(query<{ code: string }>(core.dbFile, 'SELECT code FROM tickets')).toEqual([{ code: 'A0001' }])
    } finally {
      receipt.broken = false
    }
  })
})

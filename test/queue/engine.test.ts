import { describe, expect, it } from 'vitest'
import type { EventName } from '../../shared/channels'
import type { CounterQueue, IssuedTicket, QueueBoard, QueueCall, TicketPrinted } from '../../shared/schemas/queue'
import type { RatableTicket } from '../../shared/schemas/rating'
import type { SystemEvent } from '../../shared/schemas/system'
import { staffedCore } from '../helpers/counter-staff'
import { fixedClock, TEST_CLIENT } from '../helpers/core'
import { demoIds, errorCode, query, readQueueSettings, value, writeSetting } from './helpers'

function recorder(core: ReturnType<typeof staffedCore>) {
  const seen: { event: EventName; payload: unknown }[] = []
  core.subscribe((event, payload) => seen.push({ event, payload }))
  return {
    of: <T>(name: EventName) => seen.filter((e) => e.event === name).map((e) => e.payload as T),
  }
}

describe('the built-in queue', () => {
  it('numbers per field per day with four digits, and estimates the wait from recent service times', async () => {
    const clock = fixedClock()
    const core = staffedCore({ clock })
    const ids = await demoIds(core)
    const take = (prefix: string) =>
      value<IssuedTicket>(core.invoke('queue:take', { fieldId: ids.field[prefix], priorityGroup: null }, TEST_CLIENT))
    const a1 = await take('A')
    const b1 = await take('B')
    const a2 = await take('A')
    expect([a1.code, b1.code, a2.code]).toEqual(['A0001', 'B0001', 'A0002'])
    expect(a2.peopleAhead).toBe(1)
    expect(a2.estimatedWaitMinutes).toBeNull() // no service finished today yet: no guess
    expect(a1.print).toEqual({ state: 'off' })

    // Counter 1 serves A0001 for 6 minutes; counters 1 and 2 both serve field A, so two tickets ahead ≈ 6 min.
    await value(core.invoke('queue:callNext', { counterId: ids.counter[1] }, TEST_CLIENT))
    clock.advance(6 * 60_000)
    await value(core.invoke('queue:complete', { counterId: ids.counter[1] }, TEST_CLIENT))
    const a3 = await take('A')
    expect(a3.peopleAhead).toBe(1)
    expect(a3.estimatedWaitMinutes).toBe(3)
  })

  it('calls priority groups first within a field, then first come first served', async () => {
    const clock = fixedClock()
    const core = staffedCore({ clock })
    const ids = await demoIds(core)
    const take = async (priorityGroup: string | null) => {
      clock.advance(1000)
      return (await value<IssuedTicket>(core.invoke('queue:take', { fieldId: ids.field.A, priorityGroup }, TEST_CLIENT))).code
    }
    await take(null)
    await take(null)
    await take('nguoi_cao_tuoi')
    const priority = await value<IssuedTicket>(
      core.invoke('queue:take', { fieldId: ids.field.A, priorityGroup: 'phu_nu_mang_thai' }, TEST_CLIENT),
    )
    expect(priority.peopleAhead).toBe(1) // behind the earlier priority ticket only
    const order: string[] = []
    for (let i = 0; i < 4; i += 1) {
      const state = await value<CounterQueue>(core.invoke('queue:callNext', { counterId: ids.counter[1] }, TEST_CLIENT))
      order.push(state.current?.code ?? '')
      await value(core.invoke('queue:complete', { counterId: ids.counter[1] }, TEST_CLIENT))
    }
    expect(order).toEqual(['A0003', 'A0004', 'A0001', 'A0002'])
    expect(await errorCode(core.invoke('queue:callNext', { counterId: ids.counter[1] }, TEST_CLIENT))).toBe('NOT_FOUND')
    expect(await errorCode(core.invoke('queue:take', { fieldId: ids.field.A, priorityGroup: 'vip' }, TEST_CLIENT))).toBe('BAD_INPUT')
  })

  it('refuses actions the counter state does not allow, and records every change with its time', async () => {
    const clock = fixedClock()
    const core = staffedCore({ clock })
    const { counter, field } = await demoIds(core)
    expect(await errorCode(core.invoke('queue:complete', { counterId: counter[1] }, TEST_CLIENT))).toBe('CONFLICT')
    await value(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT))
    expect(await errorCode(core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT))).toBe('CONFLICT')
    await value(core.invoke('queue:recall', { counterId: counter[1] }, TEST_CLIENT))
    await value(core.invoke('queue:serve', { counterId: counter[1] }, TEST_CLIENT))
    expect(await errorCode(core.invoke('queue:skip', { counterId: counter[1] }, TEST_CLIENT))).toBe('CONFLICT')
    await value(core.invoke('queue:complete', { counterId: counter[1] }, TEST_CLIENT))
    await value(core.invoke('queue:callNext', { counterId: counter[2] }, TEST_CLIENT))
    await value(core.invoke('queue:skip', { counterId: counter[2] }, TEST_CLIENT))
    const events = query<{ code: string; kind: string }>(
      core.dbFile,
      'SELECT t.code, e.kind FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id ORDER BY e.id',
    )
    expect(events.map((e) => `${e.code} ${e.kind}`)).toEqual([
      'A0001 issued',
      'A0002 issued',
      'A0001 called',
      'A0001 recalled',
      'A0001 serving',
      'A0001 completed',
      'A0002 called',
      'A0002 skipped',
    ])
  })

  it('transfers to another field or counter with the same number', async () => {
    const core = staffedCore()
    const { counter, field } = await demoIds(core)
    await value(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:take', { fieldId: field.B, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT))
    // A0001 goes to the civil-status queue (counter 3 serves B only).
    await value(core.invoke('queue:transfer', { counterId: counter[1], to: { kind: 'field', fieldId: field.B } }, TEST_CLIENT))
    const atThree = await value<CounterQueue>(core.invoke('queue:callNext', { counterId: counter[3] }, TEST_CLIENT))
    expect(atThree.current?.code).toBe('A0001') // issued before B0001: keeps its place by issue time
    await value(core.invoke('queue:transfer', { counterId: counter[3], to: { kind: 'counter', counterId: counter[5] } }, TEST_CLIENT))
    // Counter 5 serves only D, yet gets the ticket sent to it by name.
    const atFive = await value<CounterQueue>(core.invoke('queue:callNext', { counterId: counter[5] }, TEST_CLIENT))
    expect(atFive.current?.code).toBe('A0001')
    expect(await errorCode(core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT))).toBe('NOT_FOUND')
    expect(query(core.dbFile, "SELECT code FROM tickets WHERE code LIKE 'A%'")).toEqual([{ code: 'A0001' }])
  })

  it('pushes queue:changed and queue:called with the board, and opens the rating at the counter-mode kiosk', async () => {
    const core = staffedCore()
    const { counter, field } = await demoIds(core)
    const events = recorder(core)
    const issued = await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.D, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:callNext', { counterId: counter[5] }, TEST_CLIENT))
    const board = events.of<QueueBoard>('queue:changed').at(-1)
    expect(board?.counters.find((c) => c.counterNumber === 5)).toMatchObject({
      ticketCode: 'D0001',
      officerName: 'Hoàng Thị Ngọc Ánh',
      status: 'called',
    })
    expect(board?.recentCalls[0]).toMatchObject({ ticketCode: 'D0001', counterNumber: 5, kind: 'called' })
    expect(board?.waiting.find((w) => w.prefix === 'D')?.waiting).toBe(0)
    expect(events.of<QueueCall>('queue:called').map((c) => c.ticketCode)).toEqual(['D0001'])

    // This kiosk sits at counter 5 in counter mode (what IT sets in the admin screens).
    const kiosk = (await value<{ kiosk: object }>(core.invoke('centre:overview', {}, TEST_CLIENT))).kiosk
    writeSetting(core.dbFile, 'kiosk', { ...kiosk, mode: 'counter', counterId: counter[5] })
    await value(core.invoke('queue:complete', { counterId: counter[5] }, TEST_CLIENT))
    const requested = events.of<RatableTicket>('rating:requested')
    expect(requested).toHaveLength(1)
    expect(requested[0]).toMatchObject({ ticketUid: issued.uid, ticketCode: 'D0001', counterNumber: 5 })
    expect(requested[0]?.officer.fullName).toBe('Hoàng Thị Ngọc Ánh')
    // And in the lobby the same ticket is ratable by its number and by its QR uid.
    const byCode = await value<RatableTicket>(core.invoke('rating:lookup', { query: 'd0001' }, TEST_CLIENT))
    const byQr = await value<RatableTicket>(core.invoke('rating:lookup', { query: issued.uid }, TEST_CLIENT))
    expect(byCode.officer.fullName).toBe('Hoàng Thị Ngọc Ánh')
    expect(byQr.ticketCode).toBe('D0001')
  })

  it('offers the rating to the screen of the counter that completed it, whatever the hub kiosk itself shows', async () => {
    // The hub is in lobby mode here; a paired counter screen of counter 1 (centre network) still needs the offer.
    // Every screen takes only its own counter's offer (RatingLauncher), so the event must name the right counter.
    const core = staffedCore()
    const { counter, field } = await demoIds(core)
    const events = recorder(core)
    const taken = await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.A, priorityGroup: null }, TEST_CLIENT))
    await value(core.invoke('queue:callNext', { counterId: counter[1] }, TEST_CLIENT))
    await value(core.invoke('queue:complete', { counterId: counter[1] }, TEST_CLIENT))
    expect(events.of('rating:requested')).toEqual([expect.objectContaining({ counterId: counter[1], ticketCode: taken.code })])
    // The hub's own lobby screen opens nothing by itself: its rating:open answers no counter offer.
    expect(await value(core.invoke('rating:open', {}, { clientId: 'lobby-screen' }))).toBeNull()
  })

  it('answers before printing, then tells the screen and IT when the printer fails, prints when it works', async () => {
    const jobs: { html: string; deviceName: string }[] = []
    let broken = true
    const core = staffedCore({
      printer: async (job) => {
        if (broken) throw new Error('Máy in hết giấy')
        jobs.push(job)
      },
    })
    const { field } = await demoIds(core)
    const events = recorder(core)
    const printed = () =>
      new Promise<TicketPrinted>((resolve) => {
        const off = core.subscribe((event, payload) => {
          if (event !== 'queue:printed') return
          off()
          resolve(payload as TicketPrinted)
        })
      })
    writeSetting(core.dbFile, 'queue', {
      ...readQueueSettings(core.dbFile),
      printer: { enabled: true, deviceName: 'XP-80C', paperWidthMm: 80 },
    })
    let outcome = printed()
    const failed = await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.B, priorityGroup: null }, TEST_CLIENT))
    expect(failed.print).toEqual({ state: 'printing' })
    expect(await outcome).toEqual({ uid: failed.uid, print: { state: 'failed', reason: 'Máy in hết giấy' } })
    expect(events.of<SystemEvent>('system:event').map((e) => e.kind)).toEqual(['queue.print_failed'])
    broken = false
    outcome = printed()
    const ok = await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.B, priorityGroup: 'nguoi_khuyet_tat' }, TEST_CLIENT))
    expect(await outcome).toEqual({ uid: ok.uid, print: { state: 'printed' } })
    expect(jobs).toHaveLength(1)
    expect(jobs[0]?.deviceName).toBe('XP-80C')
    expect(jobs[0]?.html).toContain('Tư pháp – Hộ tịch')
    expect(jobs[0]?.html).toContain('B0002')
    expect(jobs[0]?.html).toContain('Ưu tiên: Người khuyết tật')
    expect(jobs[0]?.html).toContain('<svg')
  })

  it('restarts numbering at the configured local hour', async () => {
    // 16:30 UTC = 23:30 in Vietnam; numbers reset at 00:00 local time by default.
    const clock = fixedClock(Date.UTC(2026, 10, 26, 16, 30))
    const core = staffedCore({ clock })
    const { field } = await demoIds(core)
    const take = async () =>
      (await value<IssuedTicket>(core.invoke('queue:take', { fieldId: field.C, priorityGroup: null }, TEST_CLIENT))).code
    expect([await take(), await take()]).toEqual(['C0001', 'C0002'])
    clock.advance(60 * 60_000) // 00:30 local, the next service day
    expect(await take()).toBe('C0001')
    const board = await value<QueueBoard>(core.invoke('queue:board', {}, TEST_CLIENT))
    expect(board.serviceDay).toBe('2026-11-27')
    expect(board.waiting.find((w) => w.prefix === 'C')?.waiting).toBe(1) // yesterday's waiting tickets are gone
  })
})

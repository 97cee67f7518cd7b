import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { insertTicket, nextCallable, peopleAhead } from '../../electron/core/queue/queue-repo'
import { getTicketById } from '../../electron/core/queue/ticket-repo'
import { fixedClock, testCore } from '../helpers/core'

/**
 * Each rule of the call order, alone: every case makes two waiting tickets tie on the rules above the one under
 * test and disagree with it on every rule below, so deleting (or reversing) that one rule changes the answer.
 * The cases insert the ticket that must go first last, so the table's own order cannot hide a missing rule.
 */

const DAY = '2026-11-26'
const T = Date.UTC(2026, 10, 26, 2, 0, 0)

interface Spec {
  issuedAt: number
  priorityGroup: string | null
  /** Waits for this one counter (transferred there), instead of in its field's queue. */
  transferred: boolean
}

function setUp() {
  const core = testCore({ clock: fixedClock(T) })
  const db = new Database(core.dbFile)
  db.pragma('busy_timeout = 5000')
  const [counterId, fieldId] = db
    .prepare('SELECT counter_id, field_id FROM counter_fields ORDER BY counter_id, field_id LIMIT 1')
    .raw()
    .get() as [number, number]
  let number = 0
  const add = (spec: Spec): number => {
    number += 1
    const id = insertTicket(db, {
      uid: crypto.randomUUID(),
      source: 'builtin',
      externalId: null,
      serviceDay: DAY,
      fieldId,
      number,
      code: `A${String(number).padStart(4, '0')}`,
      priorityGroup: spec.priorityGroup,
      status: 'waiting',
      counterId: null,
      officerId: null,
      issuedAt: spec.issuedAt,
      calledAt: null,
      completedAt: null,
    })
    if (spec.transferred) db.prepare('UPDATE tickets SET queue_counter_id = ? WHERE id = ?').run(counterId, id)
    return id
  }
  const ahead = (id: number) => {
    const row = getTicketById(db, id)
    if (row === null) throw new Error(`no ticket ${id}`)
    return peopleAhead(db, row)
  }
  return { db, add, ahead, next: () => nextCallable(db, counterId, DAY)?.id, close: () => db.close() }
}

const plain: Spec = { issuedAt: T, priorityGroup: null, transferred: false }

describe('the call order', () => {
  it('1. a ticket transferred to this counter comes before the field queue, even priority and older tickets', () => {
    const q = setUp()
    const fieldTicket = q.add({ ...plain, priorityGroup: 'nguoi_cao_tuoi' })
    const sentHere = q.add({ ...plain, issuedAt: T + 60_000, transferred: true })
    expect(q.next()).toBe(sentHere)
    // A transfer waits for one counter, not in the field's queue: the number printed for the field leaves it out.
    expect(q.ahead(fieldTicket)).toBe(0)
    q.close()
  })

  it('2. then priority groups, before older normal tickets', () => {
    const q = setUp()
    const normal = q.add(plain)
    const priority = q.add({ ...plain, issuedAt: T + 60_000, priorityGroup: 'nguoi_cao_tuoi' })
    expect(q.next()).toBe(priority)
    expect([q.ahead(priority), q.ahead(normal)]).toEqual([0, 1])
    q.close()
  })

  it('3. then issue time, whatever the ticket ids', () => {
    const q = setUp()
    const later = q.add({ ...plain, issuedAt: T + 60_000 })
    const earlier = q.add(plain)
    expect(q.next()).toBe(earlier)
    expect([q.ahead(earlier), q.ahead(later)]).toEqual([0, 1])
    q.close()
  })

  it('4. then the ticket id, so tickets issued in the same millisecond keep one order', () => {
    const q = setUp()
    const first = q.add(plain)
    const second = q.add(plain)
    expect(q.next()).toBe(first)
    // Without the id both would count the other as ahead, or neither would: exactly one of them is first.
    expect([q.ahead(first), q.ahead(second)]).toEqual([0, 1])
    q.close()
  })

  it('is one total order: among many tickets, the count ahead of each is its place in the call order', () => {
    const q = setUp()
    const ids = [
      q.add({ ...plain, issuedAt: T + 3000 }),
      q.add({ ...plain, issuedAt: T + 1000, priorityGroup: 'phu_nu_mang_thai' }),
      q.add({ ...plain, issuedAt: T + 1000 }),
      q.add({ ...plain, issuedAt: T + 2000, priorityGroup: 'nguoi_cao_tuoi' }),
      q.add({ ...plain, issuedAt: T + 1000 }),
    ]
    expect(ids.map(q.ahead)).toEqual([4, 0, 2, 1, 3])
    const called: number[] = []
    for (let next = q.next(); next !== undefined; next = q.next()) {
      called.push(next)
      q.db.prepare("UPDATE tickets SET status = 'completed' WHERE id = ?").run(next)
    }
    expect(called).toEqual([ids[1], ids[3], ids[2], ids[4], ids[0]])
    q.close()
  })
})

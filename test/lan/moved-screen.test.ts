import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import { readLink } from '../../electron/lan/link-store'
import type { EventName } from '../../shared/channels'
import type { CounterRatingOffer, RatingWithdrawn } from '../../shared/schemas/rating'
import { call, loginAdmin } from '../auth/helpers'
import { staffInvoke } from '../helpers/counter-staff'
import { demoIds } from '../queue/helpers'
import { pairClient, startHub, until } from './lan-fixture'

function ear(client: Core) {
  const heard: { event: EventName; payload: unknown }[] = []
  client.subscribe((event, payload) => heard.push({ event, payload }))
  return <T>(event: EventName) => heard.filter((h) => h.event === event).map((h) => h.payload as T)
}

/**
 * IT moves a counter screen to another counter (the PC was carried to another desk). A rating offered at the old
 * counter must not stay on its screen: the citizen at the new desk would be rating an officer they never met, and
 * the hub would refuse the answer anyway (a counter screen rates only its own counter's tickets).
 */
describe('a counter screen moved to another counter', () => {
  it('withdraws the old counter’s offer it was showing, and shows the new counter’s open one', async () => {
    const { core } = await startHub()
    const { field, counter } = await demoIds(core)
    const one = counter[1] ?? 0
    const two = counter[2] ?? 0
    const screen = await pairClient(core, { role: 'counter-screen', counterId: one })
    const heard = ear(screen.client)
    const ticket = await call(core, 'queue:take', { fieldId: field.A, priorityGroup: null })
    await staffInvoke(core, 'queue:callNext', { counterId: one })
    await staffInvoke(core, 'queue:complete', { counterId: one })
    await until(() => heard<CounterRatingOffer>('rating:requested').some((o) => o.ticketUid === ticket.uid), 'offer shown')
    // Counter 2 has its own offer open, to nobody's screen yet.
    const other = await call(core, 'queue:take', { fieldId: field.A, priorityGroup: null })
    await staffInvoke(core, 'queue:callNext', { counterId: two })
    await staffInvoke(core, 'queue:complete', { counterId: two })

    // Every paired PC hears every offer (its screen keeps only its own counter's): counted, to see what the move adds.
    await until(() => heard<CounterRatingOffer>('rating:requested').some((o) => o.ticketUid === other.uid), 'broadcast heard')
    const before = heard<CounterRatingOffer>('rating:requested').length
    await loginAdmin(core)
    await call(core, 'devices:move', { id: readLink(screen.dataDir)?.deviceId ?? '', counterId: two })
    await until(() => readLink(screen.dataDir)?.counterId === two, 'the move pushed')
    await until(
      () => heard<RatingWithdrawn>('rating:withdrawn').some((w) => w.ticketUid === ticket.uid),
      'the old counter’s offer withdrawn',
      300,
    )
    expect(heard<RatingWithdrawn>('rating:withdrawn')).toEqual([expect.objectContaining({ counterId: one, ticketUid: ticket.uid })])
    await until(() => heard<CounterRatingOffer>('rating:requested').length > before, 'the new counter’s offer shown')
    expect(heard<CounterRatingOffer>('rating:requested').slice(before)).toEqual([expect.objectContaining({ counterId: two, ticketUid: other.uid })])
    expect(await call(screen.client, 'rating:open', {})).toMatchObject({ counterId: two, ticketUid: other.uid })
  })
})

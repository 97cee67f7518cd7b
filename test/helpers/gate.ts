import type { AccessGate, Caller } from '../../electron/core/access'
import { AppError } from '../../electron/core/errors'

/**
 * An access gate that sees every client as `caller`, for tests of `dispatch` itself with hand-made handlers. Tests
 * of the rules use a real core (test/core/access-table.test.ts).
 */
export function fixedGate(caller: Caller): AccessGate & { touched: string[] } {
  const touched: string[] = []
  return {
    touched,
    caller: () => caller,
    touch: (clientId) => void touched.push(clientId),
    assertCounter: (c, counterId) => {
      if (c.role !== 'admin') throw new AppError('FORBIDDEN', `not counter ${counterId}'s staff`)
    },
  }
}

export const CITIZEN: Caller = { role: 'citizen', actor: null }
export const ADMIN: Caller = { role: 'admin', actor: { id: 1, name: 'Quản trị', role: 'admin', officerId: null } }

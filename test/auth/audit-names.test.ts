import { describe, expect, it } from 'vitest'
import { fixedClock, testCore } from '../helpers/core'
import { call, cheapCost, givePin, loginAdmin } from './helpers'

const everything = { limit: 1000, before: null, from: null, to: null, action: null }

describe('audit:list names its targets for people', () => {
  it('gives the name of an account, an officer, a counter and a field as they read now; nothing for other targets', async () => {
    const core = testCore({ clock: fixedClock(), pinCost: cheapCost })
    const overview = await call(core, 'centre:overview', {})
    const counter = overview.counters.find((c) => c.number === 3)
    const officer = counter?.officer
    if (!counter || !officer) throw new Error('the demo centre has an officer at counter 3')
    const accountId = await givePin(core, officer.id, '314159')
    await loginAdmin(core)
    await call(core, 'auth:unlock', { accountId })
    await call(core, 'admin:assign', { counterId: counter.id, officerId: officer.id })
    const input = { prefix: 'Z', name: { vi: 'Đất đai', en: 'Land' }, sortOrder: 9, active: true }
    const field = await call(core, 'admin:saveField', { ...input, id: null })
    await call(core, 'admin:saveField', { ...input, id: field.id, name: { vi: 'Đất đai, nhà ở', en: 'Land' } })

    const list = await call(core, 'audit:list', everything)
    const named = (action: string) => list.find((e) => e.action === action)
    expect(named('auth.set_pin')).toMatchObject({ target: `officer:${officer.id}`, targetName: officer.fullName })
    expect(named('auth.unlock')).toMatchObject({ target: `account:${accountId}`, targetName: officer.fullName })
    expect(named('admin.assign')).toMatchObject({ target: `counter:${counter.id}`, targetName: '3' })
    // The name as it reads now: the rename shows on the later entry, and the entry that created it says "new".
    const fields = list.filter((e) => e.action === 'admin.field').map((e) => [e.target, e.targetName])
    expect(fields).toEqual([[`field:${field.id}`, 'Đất đai, nhà ở'], ['field:new', '']])
    const admin = list.find((e) => e.action === 'auth.setup')
    expect(admin).toMatchObject({ targetName: 'Quản trị CNTT' })
    // Not a row of a table with a name (the login, the field just created): no name, the page words the target.
    const others = list.filter((e) => !/^(account|officer|counter|field):\d+$/.test(e.target))
    expect(others.length).toBeGreaterThan(0)
    expect(others.filter((e) => e.targetName !== '')).toEqual([])
  })
})

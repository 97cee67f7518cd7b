import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ConfigFileSchema } from '../../shared/schemas/config-file'
import { call, cheapCost, loginAdmin } from '../auth/helpers'
import { testCore, TEST_CLIENT } from '../helpers/core'

function snapshot(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true })
  try {
    return JSON.stringify(
      ['settings', 'service_fields', 'counters', 'counter_fields', 'officers'].map((t) =>
        db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
      ),
    )
  } finally {
    db.close()
  }
}

describe('config export / import', () => {
  it('sets up a second kiosk from the first one’s file', async () => {
    const first = testCore({ pinCost: cheapCost })
    await loginAdmin(first)
    await call(first, 'admin:saveCounter', { id: null, number: 12, name: { vi: 'Quầy 12', en: '' }, fieldIds: [2], active: true })
    await call(first, 'admin:saveCentre', { centre: { name: { vi: 'Trung tâm Phục vụ hành chính công tỉnh Quảng Trị', en: '' }, address: 'Đông Hà' } })
    const file = await call(first, 'admin:exportConfig', {})
    const json = JSON.parse(JSON.stringify(file)) as unknown // as written to disk and read back

    const second = testCore({ pinCost: cheapCost, seedDemo: false })
    // A kiosk without the demo needs its centre before anything reads it; import sets everything at once.
    await loginAdmin(second)
    await call(second, 'admin:importConfig', { config: json })
    const overview = await call(second, 'centre:overview', {})
    expect(overview.centre.name.vi).toBe('Trung tâm Phục vụ hành chính công tỉnh Quảng Trị')
    expect(overview.counters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 12])
    expect(overview.fields.map((f) => f.prefix)).toEqual(['A', 'B', 'C', 'D'])
  })

  it('rejects a bad file with field errors and changes nothing', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core)
    const file = await call(core, 'admin:exportConfig', {})
    const bad = { ...file, counters: [{ ...file.counters[0], number: 0 }], kiosk: { ...file.kiosk, language: 'fr' } }
    const parsed = ConfigFileSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['kiosk.language', 'counters.0.number'])

    const before = snapshot(core.dbFile)
    expect(await core.invoke('admin:importConfig', { config: bad }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    // Valid shape but a counter naming a field that does not exist: refused as a whole, even the centre name.
    const dangling = {
      ...file,
      centre: { ...file.centre, name: { vi: 'Tên mới', en: '' } },
      counters: [...file.counters, { number: 50, name: { vi: 'Quầy 50', en: '' }, fieldPrefixes: ['Z'], active: true }],
    }
    expect(await core.invoke('admin:importConfig', { config: dangling }, TEST_CLIENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(snapshot(core.dbFile)).toBe(before)
  })

  it('refuses counter mode without a counter, and repeated letters, numbers or names, naming each, with nothing changed', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core)
    const file = await call(core, 'admin:exportConfig', {})
    const [field] = file.fields
    const [counter] = file.counters
    const [officer] = file.officers
    if (!field || !counter || !officer) throw new Error('the demo seed has fields, counters and officers')
    const cases: [unknown, string, string][] = [
      [{ ...file, kiosk: { ...file.kiosk, mode: 'counter', counterNumber: null } }, 'kiosk.counterNumber', 'Kiosk ở chế độ tại quầy cần số quầy'],
      [{ ...file, fields: [...file.fields, { ...field, name: { vi: 'Khác', en: '' } }] }, `fields.${file.fields.length}.prefix`, `Chữ cái lĩnh vực "${field.prefix}" bị trùng trong tệp`],
      [{ ...file, counters: [...file.counters, { ...counter, active: !counter.active }] }, `counters.${file.counters.length}.number`, `Số quầy ${counter.number} bị trùng trong tệp`],
      // Trimmed by the schema before comparing: a trailing space does not make a second officer.
      [{ ...file, officers: [...file.officers, { ...officer, fullName: `${officer.fullName} ` }] }, `officers.${file.officers.length}.fullName`, `Cán bộ "${officer.fullName}" bị trùng trong tệp`],
      // Normalised to NFC before comparing: the same name typed decomposed (a Mac, some editors) is a repeat.
      [{ ...file, officers: [...file.officers, { ...officer, fullName: officer.fullName.normalize('NFD') }] }, `officers.${file.officers.length}.fullName`, `Cán bộ "${officer.fullName}" bị trùng trong tệp`],
    ]
    const before = snapshot(core.dbFile)
    for (const [bad, at, message] of cases) {
      const parsed = ConfigFileSchema.safeParse(bad)
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[at, message]])
      const result = await core.invoke('admin:importConfig', { config: bad }, TEST_CLIENT)
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
      if (!result.ok) expect(result.error.message).toContain(message)
    }
    expect(snapshot(core.dbFile)).toBe(before)
    // The same file without the faults still imports: the rules refuse only what they name.
    await call(core, 'admin:importConfig', { config: { ...file, kiosk: { ...file.kiosk, mode: 'counter', counterNumber: counter.number } } })
  })

  it('imports a file whose text was decomposed (NFD) as the same officers and names, stored in NFC', async () => {
    const core = testCore({ pinCost: cheapCost })
    await loginAdmin(core)
    // An older version may have stored a name decomposed: it must still be matched, not doubled.
    const db = new Database(core.dbFile)
    db.prepare('UPDATE officers SET full_name = ? WHERE id = 1').run((db.prepare('SELECT full_name FROM officers WHERE id = 1').pluck().get() as string).normalize('NFD'))
    db.close()
    const file = await call(core, 'admin:exportConfig', {})
    const names = file.officers.map((o) => o.fullName.normalize('NFC')).sort()
    expect(names).toHaveLength(6)
    const decomposed = JSON.parse(JSON.stringify(file), (_key, value: unknown) => (typeof value === 'string' ? value.normalize('NFD') : value)) as unknown
    expect(JSON.stringify(decomposed)).not.toBe(JSON.stringify(file))

    await call(core, 'admin:importConfig', { config: decomposed })
    const after = await call(core, 'admin:exportConfig', {})
    expect(after.officers.map((o) => o.fullName).sort()).toEqual(names)
    expect(after.centre).toEqual({ name: { vi: file.centre.name.vi.normalize('NFC'), en: file.centre.name.en }, address: file.centre.address.normalize('NFC') })
    const stored = new Database(core.dbFile, { readonly: true })
    const rows = stored.prepare('SELECT full_name FROM officers').pluck().all() as string[]
    stored.close()
    expect(rows.every((name) => name === name.normalize('NFC'))).toBe(true)
  })
})

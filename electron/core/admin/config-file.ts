import type { ConfigFile } from '../../../shared/schemas/config-file'
import { getSetting, listCounters, listFields, putSetting } from '../config/config-repo'
import type { Db } from '../db/open'
import { AppError } from '../errors'
import { listOfficers, saveCounter, saveField, saveOfficerRow } from './config-writes'

/** The configuration as a file (see ConfigFileSchema): ids become the numbers, letters and names people see. */
export function exportConfig(db: Db, now: number): ConfigFile {
  const fields = listFields(db)
  const counters = listCounters(db, now)
  const numberOf = new Map(counters.map((c) => [c.id, c.number]))
  const prefixOf = new Map(fields.map((f) => [f.id, f.prefix]))
  const kiosk = getSetting(db, 'kiosk')
  const form = getSetting(db, 'ratingForm')
  return {
    format: 'kiosk-mot-cua-config',
    version: 1,
    exportedAt: now,
    centre: getSetting(db, 'centre'),
    kiosk: {
      mode: kiosk.mode,
      counterNumber: kiosk.counterId === null ? null : (numberOf.get(kiosk.counterId) ?? null),
      language: kiosk.language,
      idle: kiosk.idle,
      display: kiosk.display,
    },
    ratingForm: { ...form, anonymousCounterIds: [] },
    anonymousCounterNumbers: form.anonymousCounterIds.flatMap((id) => numberOf.get(id) ?? []),
    queue: getSetting(db, 'queue'),
    fields: fields.map((f, i) => ({ prefix: f.prefix, name: f.name, sortOrder: i, active: f.active })),
    counters: counters.map((c) => ({
      number: c.number,
      name: c.name,
      fieldPrefixes: c.fieldIds.flatMap((id) => prefixOf.get(id) ?? []),
      active: c.active,
    })),
    officers: listOfficers(db, now).map((o) => ({ fullName: o.fullName, title: o.title, active: o.active })),
  }
}

/**
 * Applies a configuration file inside the caller's transaction: settings replaced; fields, counters and officers
 * added or updated by letter, number and name. Nothing is deleted (ratings refer to what exists). Any problem
 * throws, and the transaction leaves the kiosk exactly as it was.
 */
export function importConfig(db: Db, file: ConfigFile, now: number): void {
  const fieldId = new Map(listFields(db).map((f) => [f.prefix, f.id]))
  for (const f of file.fields) {
    fieldId.set(f.prefix, saveField(db, { id: fieldId.get(f.prefix) ?? null, ...f }))
  }
  const counterId = new Map(listCounters(db, now).map((c) => [c.number, c.id]))
  for (const c of file.counters) {
    const fieldIds = c.fieldPrefixes.map((p) => {
      const id = fieldId.get(p)
      if (id === undefined) throw new AppError('CONFLICT', `counters: field ${p} does not exist`)
      return id
    })
    counterId.set(c.number, saveCounter(db, { id: counterId.get(c.number) ?? null, number: c.number, name: c.name, fieldIds, active: c.active }))
  }
  // The file's names are NFC already (the schema); rows saved by older versions may be NFD. Both sides compared
  // in NFC, or an officer whose name only looks the same would be added a second time.
  const officerId = new Map(listOfficers(db, now).map((o) => [o.fullName.normalize('NFC'), o.id]))
  for (const o of file.officers) saveOfficerRow(db, { id: officerId.get(o.fullName.normalize('NFC')) ?? null, ...o }, now)

  const counterOf = (n: number) => {
    const id = counterId.get(n)
    if (id === undefined) throw new AppError('CONFLICT', `counter ${n} does not exist`)
    return id
  }
  putSetting(db, 'centre', file.centre)
  putSetting(db, 'queue', file.queue)
  putSetting(db, 'ratingForm', { ...file.ratingForm, anonymousCounterIds: file.anonymousCounterNumbers.map(counterOf) })
  const { counterNumber, ...kiosk } = file.kiosk
  putSetting(db, 'kiosk', { ...kiosk, counterId: counterNumber === null ? null : counterOf(counterNumber) })
}

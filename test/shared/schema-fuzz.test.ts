import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contract, events } from '../../shared/contract'
import * as admin from '../../shared/schemas/admin'
import * as auth from '../../shared/schemas/auth'
import * as backup from '../../shared/schemas/backup'
import * as centre from '../../shared/schemas/centre'
import * as common from '../../shared/schemas/common'
import * as configFile from '../../shared/schemas/config-file'
import * as queue from '../../shared/schemas/queue'
import * as rating from '../../shared/schemas/rating'
import * as reports from '../../shared/schemas/reports'
import * as staff from '../../shared/schemas/staff'
import * as sync from '../../shared/schemas/sync'
import * as system from '../../shared/schemas/system'
import * as upload from '../../shared/schemas/upload'
import * as uploadDisputes from '../../shared/schemas/upload-disputes'
import * as uploadPing from '../../shared/schemas/upload-ping'

interface Def {
  type: string
  [key: string]: unknown
}

function isSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value
}

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

/** Every schema a boundary uses: each call's input and output, each event, and every exported schema. */
const schemas: [string, z.ZodType][] = [
  ...Object.entries(contract).flatMap(([name, spec]): [string, z.ZodType][] => [
    [`${name} input`, spec.input],
    [`${name} output`, spec.output],
  ]),
  ...Object.entries(events).map(([name, schema]): [string, z.ZodType] => [`${name} event`, schema]),
  ...Object.entries({ admin, auth, backup, centre, common, configFile, queue, rating, reports, staff, sync, system, upload, uploadDisputes, uploadPing }).flatMap(
    ([module, exports]) =>
      Object.entries(exports).flatMap(([name, value]): [string, z.ZodType][] => (isSchema(value) ? [[`${module}.${name}`, value]] : [])),
  ),
]

/** Strings that have broken schemas before, or could: bad URLs, escapes, lone surrogates, decomposed text. */
const crafted = [
  'x',
  '%',
  '%ZZ',
  '\ud800',
  '\udfff',
  'Chờ lâu \ud800 quá',
  'Chờ lâu quá'.normalize('NFD'),
  '',
  ' ',
  'http://',
  'https://',
  'https://[::1',
  'http://user:pw@127.0.0.1/',
  'https://collector.example/?q=1',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'media/../x',
  '2026-02-30',
  'Asia/Nowhere',
  '😀'.repeat(300),
  'x'.repeat(5000),
]
const anyString = fc.oneof(fc.constantFrom(...crafted), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }))
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, 8.64e15, Number.NaN, Infinity))

/**
 * Values shaped like the schema wants, with every leaf drawn from hostile values, so the refinements deep inside
 * (which run only once the shape passes) are reached too; plain random values now and then.
 */
function shaped(schema: z.ZodType, depth: number): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.anything()
  const d = def(schema)
  const inner = (s: unknown) => shaped(s as z.ZodType, depth + 1)
  const arbitrary = ((): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'object':
        return fc.record(Object.fromEntries(Object.entries(d.shape as Record<string, z.ZodType>).map(([k, v]) => [k, inner(v)])))
      case 'string':
        return anyString
      case 'number':
        return anyNumber
      case 'boolean':
        return fc.boolean()
      case 'array':
        return fc.array(inner(d.element), { maxLength: 4 })
      case 'optional':
        return fc.option(inner(d.innerType), { nil: undefined })
      case 'nullable':
      case 'default':
      case 'readonly':
        return fc.option(inner(d.innerType), { nil: null })
      case 'pipe':
        return inner(d.in)
      case 'union':
        return fc.oneof(...(d.options as z.ZodType[]).map(inner))
      case 'enum':
        return fc.oneof(fc.constantFrom(...Object.values(d.entries as Record<string, unknown>)), anyString)
      case 'literal':
        return fc.constantFrom(...(d.values as unknown[]))
      case 'record':
        return fc.dictionary(anyString, inner(d.valueType), { maxKeys: 4 })
      default:
        return fc.anything()
    }
  })()
  return fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.anything() })
}

/** The string schemas inside a schema, with where they sit. */
function stringLeaves(schema: z.ZodType, at: string, out: [string, z.ZodType][]): [string, z.ZodType][] {
  const d = def(schema)
  const walk = (s: unknown, where: string) => stringLeaves(s as z.ZodType, where, out)
  if (d.type === 'string') out.push([at, schema])
  else if (d.type === 'object') for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) walk(v, `${at}.${k}`)
  else if (d.type === 'array') walk(d.element, `${at}[]`)
  else if (['optional', 'nullable', 'default', 'readonly'].includes(d.type)) walk(d.innerType, at)
  else if (d.type === 'pipe') walk(d.in, at)
  else if (d.type === 'union') (d.options as z.ZodType[]).forEach((o, i) => walk(o, `${at}|${i}`))
  else if (d.type === 'record') walk(d.valueType, `${at}{}`)
  return out
}

describe('every schema, fed anything', () => {
  it('has schemas to check (calls, events and the protocol and config-file exports)', () => {
    const names = schemas.map(([name]) => name)
    expect(names).toContain('sync:configure input')
    expect(names).toContain('sync.EndpointSchema')
    expect(names).toContain('configFile.ConfigFileSchema')
    expect(names).toContain('upload.UploadBatchSchema')
    expect(schemas.length).toBeGreaterThan(150)
  })

  it.each(schemas)('%s: safeParse answers and never throws', (_name, schema) => {
    for (const value of crafted) expect(typeof schema.safeParse(value).success).toBe('boolean')
    fc.assert(
      fc.property(shaped(schema, 0), (value) => {
        expect(typeof schema.safeParse(value).success).toBe('boolean')
      }),
      { numRuns: 60 },
    )
  })

  it.each(Object.keys(contract))('%s: no text field of the input takes a lone surrogate', (name) => {
    const spec = contract[name as keyof typeof contract]
    for (const [at, leaf] of stringLeaves(spec.input, 'input', [])) {
      for (const broken of ['\ud800', 'Chờ lâu \udc00 quá', 'a\ud83d']) expect(leaf.safeParse(broken).success, `${at}: ${JSON.stringify(broken)}`).toBe(false)
    }
  })

  it('refuses a collector endpoint that is not a URL with an issue, where it used to throw', () => {
    for (const endpoint of ['x', '%', 'https://[::1']) {
      expect(sync.EndpointSchema.safeParse(endpoint).success, endpoint).toBe(false)
    }
    expect(sync.EndpointSchema.safeParse('https://collector.example/v1').success).toBe(true)
  })
})

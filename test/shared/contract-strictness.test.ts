import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { CALLS, EVENTS } from '../../shared/channels'
import { contract, events } from '../../shared/contract'

interface Def {
  type: string
  [key: string]: unknown
}

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

function maxLength(d: Def): number | undefined {
  const checks = (d.checks ?? []) as { _zod: { def: { check: string; maximum?: number } } }[]
  return checks.map((c) => c._zod.def).find((c) => c.check === 'max_length')?.maximum
}

/**
 * Walks a schema and lists every place that breaks the boundary rules: an object that tolerates unknown keys,
 * a string or an array without a maximum length.
 */
function looseSpots(schema: z.ZodType, at: string, out: string[]): string[] {
  const d = def(schema)
  switch (d.type) {
    case 'object': {
      if (!d.catchall || def(d.catchall as z.ZodType).type !== 'never') out.push(`${at}: object is not strict`)
      for (const [key, value] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        looseSpots(value, `${at}.${key}`, out)
      }
      break
    }
    case 'string':
      // Fixed-length formats (UUIDs) are bounded by their pattern.
      if (maxLength(d) === undefined && d.format !== 'uuid') out.push(`${at}: string without max`)
      break
    case 'array':
      if (maxLength(d) === undefined) out.push(`${at}: array without max`)
      looseSpots(d.element as z.ZodType, `${at}[]`, out)
      break
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      looseSpots(d.innerType as z.ZodType, at, out)
      break
    case 'pipe':
      looseSpots(d.in as z.ZodType, at, out)
      break
    case 'union':
      ;(d.options as z.ZodType[]).forEach((o, i) => looseSpots(o, `${at}|${i}`, out))
      break
    case 'number':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
      break
    default:
      out.push(`${at}: unchecked schema type ${d.type}`)
  }
  return out
}

describe('the contract', () => {
  it('names exactly the calls and events of the channel list', () => {
    expect(Object.keys(contract).sort()).toEqual([...CALLS].sort())
    expect(Object.keys(events).sort()).toEqual([...EVENTS].sort())
    for (const name of [...CALLS, ...EVENTS]) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/)
  })

  it.each(CALLS)('%s: strict objects and bounded strings and arrays at every depth', (channel) => {
    const spots = [
      ...looseSpots(contract[channel].input, 'input', []),
      ...looseSpots(contract[channel].output, 'output', []),
    ]
    expect(spots).toEqual([])
  })

  it.each(EVENTS)('event %s: strict and bounded at every depth', (event) => {
    expect(looseSpots(events[event], 'payload', [])).toEqual([])
  })

  it('the walker itself catches loose schemas', async () => {
    const { z } = await import('zod')
    const loose = z.object({ a: z.string(), b: z.array(z.strictObject({ c: z.string().max(1) })) })
    expect(looseSpots(loose, 'x', [])).toEqual([
      'x: object is not strict',
      'x.a: string without max',
      'x.b: array without max',
    ])
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { RatingRecordSchema } from '../../shared/schemas/rating'
import { PROTOCOL_SCHEMAS as protocolSchemas } from '../../scripts/protocol-files'

/**
 * Every JSON example in PROTOCOL.md is what a collector's IT will copy: each must pass the schema the code parses
 * with. A ```json block names its schema on the line before it, `<!-- schema: batch-response -->`; a block
 * without one fails, so a new example cannot slip in unchecked.
 */
const doc = fs.readFileSync(path.resolve(__dirname, '../../shared/protocol/PROTOCOL.md'), 'utf8')
const schemas: Record<string, z.ZodType> = { ...protocolSchemas, rating: RatingRecordSchema }
const MARKER = /^<!-- schema: ([a-z-]+) -->$/

interface Example {
  line: number
  schema: string | null
  text: string
}

function jsonExamples(markdown: string): Example[] {
  const lines = markdown.split('\n')
  const examples: Example[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```json') continue
    const before = lines.slice(0, i).findLast((l) => l.trim() !== '') ?? ''
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```')
    if (end < 0) throw new Error(`PROTOCOL.md line ${i + 1}: the block is never closed`)
    examples.push({ line: i + 1, schema: MARKER.exec(before.trim())?.[1] ?? null, text: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return examples
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    return `not JSON: ${String(error)}`
  }
}

const examples = jsonExamples(doc)

describe('the JSON examples in PROTOCOL.md', () => {
  it('are all marked with the schema they show (and every marker has its block)', () => {
    expect(examples.filter((e) => e.schema === null).map((e) => `line ${e.line}`)).toEqual([])
    expect(doc.match(/<!-- schema: /g)?.length).toBe(examples.length)
    // The batch answer and request, a heartbeat, disputes, an error, a rating, an enrollment: nothing is skipped.
    expect(new Set(examples.map((e) => e.schema))).toEqual(
      new Set(['enroll-request', 'rating', 'batch-request', 'batch-response', 'error', 'heartbeat-request', 'dispute-request', 'dispute-response']),
    )
  })

  it.each(examples.map((e) => [`line ${e.line} (${e.schema ?? 'no marker'})`, e] as const))('%s passes its schema', (_name, example) => {
    const schema = schemas[example.schema ?? '']
    expect(schema, `unknown schema "${example.schema ?? ''}"`).toBeDefined()
    const result = schema?.safeParse(parseJson(example.text))
    expect(result?.success ? 'valid' : z.prettifyError(result?.error ?? new z.ZodError([]))).toBe('valid')
  })

  it('the marker check itself notices an unmarked block', () => {
    const unmarked = jsonExamples('text\n\n```json\n{}\n```\n')
    expect(unmarked.map((e) => e.schema)).toEqual([null])
  })
})

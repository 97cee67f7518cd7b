import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { UploadBatchSchema } from '../../shared/schemas/upload'
import { protocolSchemas as schemas } from './helpers/protocol-schemas'

/**
 * The JSON Schema files in shared/protocol/schemas are generated from the zod schemas the code uses. This test
 * fails when the two drift; `UPDATE_PROTOCOL_SCHEMAS=1 npx vitest run test/upload/protocol-schemas.test.ts`
 * rewrites the files (commit them with the change that caused it, and update PROTOCOL.md).
 */
const dir = path.resolve(__dirname, '../../shared/protocol/schemas')

function generate(name: string, schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })
  return `${JSON.stringify({ $id: `https://kiosk-mot-cua.invalid/protocol/v1/${name}.schema.json`, ...json }, null, 2)}\n`
}

describe('protocol JSON Schema files', () => {
  it.each(Object.entries(schemas))('%s.schema.json matches the zod schema', (name, schema) => {
    const file = path.join(dir, `${name}.schema.json`)
    const expected = generate(name, schema)
    if (process.env.UPDATE_PROTOCOL_SCHEMAS === '1') fs.writeFileSync(file, expected)
    expect(fs.readFileSync(file, 'utf8')).toBe(expected)
  })

  it('no stray schema files', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(schemas).map((n) => `${n}.schema.json`).sort())
  })

  it('the generated schemas forbid unknown keys', () => {
    expect(generate('batch-request', UploadBatchSchema)).toContain('"additionalProperties": false')
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UploadBatchSchema } from '../../shared/schemas/upload'
import { PROTOCOL_SCHEMAS, SCHEMA_DIR, schemaFileText } from '../../scripts/protocol-files'

/**
 * The JSON Schema files in shared/protocol/schemas are what the province's IT builds a collector from. They are
 * generated from the zod schemas the code uses, but this test only compares — it never writes them: a schema
 * change must be a deliberate, reviewed edit (scripts/write-protocol-files.ts, see PROTOCOL.md "Changing the
 * protocol"), not something a test run does on its own.
 */
describe('protocol JSON Schema files', () => {
  it.each(Object.entries(PROTOCOL_SCHEMAS))('%s.schema.json matches the zod schema', (name, schema) => {
    const file = path.join(SCHEMA_DIR, `${name}.schema.json`)
    expect(fs.readFileSync(file, 'utf8')).toBe(schemaFileText(name, schema))
  })

  it('no stray schema files', () => {
    expect(fs.readdirSync(SCHEMA_DIR).sort()).toEqual(Object.keys(PROTOCOL_SCHEMAS).map((n) => `${n}.schema.json`).sort())
  })

  it('the generated schemas forbid unknown keys', () => {
    expect(schemaFileText('batch-request', UploadBatchSchema)).toContain('"additionalProperties": false')
  })
})

import fs from 'node:fs'
import path from 'node:path'
import { PROTOCOL_DOC, PROTOCOL_SCHEMAS, SCHEMA_DIR, schemaFileText, vectorBlock, vectorSpan } from './protocol-files'

/**
 * Rewrites the published protocol files from the code — the JSON Schema files and PROTOCOL.md's test vector.
 * Run by a person who changes the protocol on purpose, never by a test:
 *
 *   node node_modules/jiti/lib/jiti-cli.mjs scripts/write-protocol-files.ts
 *
 * then read the diff, update the prose of PROTOCOL.md to match, and commit it all together.
 */
for (const [name, schema] of Object.entries(PROTOCOL_SCHEMAS)) {
  const file = path.join(SCHEMA_DIR, `${name}.schema.json`)
  const text = schemaFileText(name, schema)
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
  if (before !== text) {
    fs.writeFileSync(file, text)
    console.log(`wrote ${path.relative(process.cwd(), file)}`)
  }
}
const doc = fs.readFileSync(PROTOCOL_DOC, 'utf8')
const span = vectorSpan(doc)
if (span === null) throw new Error('PROTOCOL.md has no test-vector markers')
const next = doc.slice(0, span.begin) + vectorBlock() + doc.slice(span.end)
if (next !== doc) {
  fs.writeFileSync(PROTOCOL_DOC, next)
  console.log(`wrote ${path.relative(process.cwd(), PROTOCOL_DOC)} (test vector)`)
}

/**
 * Deterministic JSON (PROTOCOL.md, "Canonical JSON"): object keys sorted by UTF-16 code units, no whitespace,
 * strings escaped as ECMAScript's JSON.stringify does. For the values the protocol carries — strings, safe
 * integers, booleans, null, arrays and plain objects — this is RFC 8785 (JCS); the tests check it against an
 * independent JCS implementation. Keys whose value is `undefined` are left out (an absent optional field).
 *
 * Kept free of Node built-ins on purpose: it is the one piece of the protocol a browser could need.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // `<` on JS strings compares UTF-16 code units, which is exactly RFC 8785's order (§3.2.3).
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  // Fractions and huge numbers have several spellings across languages; the protocol never sends them.
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('canonical JSON takes integers only')
  return JSON.stringify(value)
}

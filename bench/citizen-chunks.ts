import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** Static imports in a built ES module (`import{x}from"./a.js"`, `import"./a.js"`, `export*from"./a.js"`), not `import()`. */
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g

/**
 * The JavaScript a citizen's screen loads before anything is tapped: the page's module entry and everything it
 * imports statically. Chunks reached only through `import()` (staff and admin pages) are left out — they load
 * when opened. Paths are relative to out/renderer.
 */
export function citizenChunks(rendererDir: string): string[] {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/<script type="module"[^>]*src="\.\/([^"]+)"/g)].map((m) => m[1] ?? '')
  const seen = new Set<string>()
  const visit = (rel: string): void => {
    const normal = path.posix.normalize(rel)
    if (seen.has(normal)) return
    seen.add(normal)
    const code = fs.readFileSync(path.join(rendererDir, normal), 'utf8')
    for (const m of code.matchAll(STATIC_IMPORT)) visit(path.posix.join(path.posix.dirname(normal), m[1] ?? ''))
  }
  for (const entry of entries) visit(entry)
  return [...seen]
}

export function gzipBytes(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
}

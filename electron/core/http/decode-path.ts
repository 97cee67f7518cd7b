/**
 * decodeURIComponent throws on a malformed escape (`%ZZ`, a lone `%`, a cut UTF-8 sequence). Such a path names no
 * call and no file, so the servers (web host, hub) give it the same answer as any unknown name instead of a 500.
 */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return null
  }
}

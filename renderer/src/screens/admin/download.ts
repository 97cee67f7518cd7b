/**
 * Hands a file made in the app to the browser (web host) or Electron's download handling. The object URL is
 * revoked a little later: revoking at once can cancel the download in Chromium.
 */
export function saveFile(name: string, parts: BlobPart[], type: string): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob(parts, { type }))
  link.download = name
  link.click()
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}

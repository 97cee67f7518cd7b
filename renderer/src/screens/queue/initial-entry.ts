/**
 * Where the app starts. Citizens' screens always start at home; a TV board (`…/#/board`) or a staff window
 * (`…/#/counter/3`) is opened at its own address, so a reload of those windows lands back on the same screen.
 */
export function initialEntry(hash: string): string {
  const path = hash.replace(/^#/, '')
  return /^\/board$|^\/counter(\/\d{1,9})?$/.test(path) ? path : '/'
}

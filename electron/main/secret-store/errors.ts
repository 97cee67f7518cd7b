/**
 * Why the shell cannot open its secrets, in words IT can act on: Vietnamese first (the people at the centre), then
 * English (the vendor's support). The start-up notice (setup-notice.ts) shows both; the log keeps both.
 */
export class SecretStoreError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} (${en})`)
    this.name = 'SecretStoreError'
  }
}

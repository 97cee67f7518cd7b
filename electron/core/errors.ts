import type { ErrorCode } from '../../shared/result'

/** An expected failure with a contract error code; anything else thrown in core is reported as INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The database file belongs to a newer version of the app; we refuse it and leave it untouched. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `Database ${file} has schema version ${fileVersion}, but this version of the app only knows up to ` +
        `${knownVersion}. It was written by a newer app: install that version (or newer). The file was not changed.`,
    )
    this.name = 'DatabaseTooNewError'
  }
}

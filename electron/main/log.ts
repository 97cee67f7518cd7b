/**
 * The shell's logger (file-log.ts writes it to rotating files). Core has its own (`Logger` in core/dispatch.ts); the shell adds `warn` for refusals that
 * are expected in normal operation (a blocked navigation, a foreign IPC sender) but that IT may want to see.
 * Modules take it as an argument so tests can pass a spy and stay quiet.
 */
export interface ShellLogger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

/**
 * The shell's clock, in a module of its own so the wiring tests (test/shell/index.test.ts) can fix it: opening
 * hours and the nightly restart would otherwise depend on when the tests run.
 */
export const shellNow = (): number => Date.now()

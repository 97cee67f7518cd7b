/**
 * Keyboard shortcuts of the counter screen, chosen for a cheap USB numeric keypad (the keys every keypad has,
 * whatever NumLock says): Enter calls the next number, + calls again, . or , starts service, - skips a no-show,
 * * completes, / opens the transfer list whose entries are chosen with 1–9.
 */
export type CounterCommand = 'callNext' | 'recall' | 'serve' | 'skip' | 'complete' | 'transfer'

const keys: Record<string, CounterCommand> = {
  Enter: 'callNext',
  '+': 'recall',
  '.': 'serve',
  ',': 'serve',
  Delete: 'serve', // NumLock off turns the keypad's . into Delete
  '-': 'skip',
  '*': 'complete',
  '/': 'transfer',
}

export function commandForKey(key: string): CounterCommand | null {
  return keys[key] ?? null
}

/** The key shown next to each button. */
export const keyLabel: Record<CounterCommand, string> = {
  callNext: 'Enter',
  recall: '+',
  serve: '.',
  skip: '−',
  complete: '*',
  transfer: '/',
}

import type { ErrorCode } from '../../../shared/result'

/**
 * Which message the pairing screen shows for a refused `link:pair`. The hub answers a wrong, used and expired code
 * alike (it tells a guesser nothing), so one message names all three; a different key is its own case, because it
 * means another machine answered at that address — IT must look before anyone types the code again.
 */
export function pairErrorKey(error: { code: ErrorCode; message: string }): string {
  switch (error.code) {
    case 'BAD_INPUT':
      return 'format'
    case 'FORBIDDEN':
      return /another key/.test(error.message) ? 'keyMismatch' : 'invalidCode'
    case 'UNAVAILABLE':
      return 'unreachable'
    case 'CONFLICT':
      return 'alreadyPaired'
    default:
      return 'generic'
  }
}

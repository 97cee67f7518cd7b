import { z } from 'zod'
import type { Store } from '../store/types'
import { addUser, listUsers, NewUserSchema, setDisabled, UsernameSchema } from './accounts'

/**
 * `collector user add --username u --role province|leader|auditor [--centre id] --name "Họ và tên"` (the password
 * is read from stdin, never from the command line, where `ps` and the shell history would keep it),
 * `collector user list`, `collector user disable|enable --username u`.
 */
export async function userCommand(
  store: Store,
  sub: string | undefined,
  values: { username?: string; role?: string; centre?: string; name?: string },
  readPassword: () => Promise<string>,
  now: number,
): Promise<unknown[]> {
  if (sub === 'list') return listUsers(store)
  if (sub === 'add') {
    const parsed = NewUserSchema.safeParse({
      username: values.username ?? '',
      password: await readPassword(),
      role: values.role ?? '',
      centreId: values.centre ?? null,
      displayName: values.name ?? '',
    })
    if (!parsed.success) throw new Error(z.prettifyError(parsed.error))
    const result = await addUser(store, parsed.data, now)
    if (result === 'no-centre') throw new Error(`--centre: no centre ${parsed.data.centreId ?? ''}: add it first (collector centre --id … --name …)`)
    return [{ username: parsed.data.username, role: parsed.data.role, centre: parsed.data.centreId, result }]
  }
  if (sub === 'disable' || sub === 'enable') {
    const username = UsernameSchema.safeParse(values.username ?? '')
    if (!username.success) throw new Error(z.prettifyError(username.error))
    return [{ username: username.data, disabled: sub === 'disable', changed: await setDisabled(store, username.data, sub === 'disable', now) }]
  }
  throw new Error('usage: collector user add|list|disable|enable --username … [--role … --centre … --name …] (password on stdin)')
}

/** The first line of stdin: `echo "$PASS" | collector user add …`, or typed at the prompt. */
export function readStdinLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk: string) => {
      text += chunk
      if (text.includes('\n')) {
        process.stdin.pause()
        resolve(text.split('\n')[0]?.replace(/\r$/, '') ?? '')
      }
    })
    process.stdin.on('end', () => resolve(text.replace(/\r?\n$/, '')))
    process.stdin.on('error', reject)
  })
}

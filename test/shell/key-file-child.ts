/**
 * One kiosk start reaching for the key file, in its own process (key-file-race.test.ts starts several at once).
 * argv: <key file> <go file>. Says "ready", spins until the go file exists so that every process opens the key
 * file at the same moment, then prints the key it got (base64) or `ERR <message>`.
 */
import fs from 'node:fs'
import { currentOwner, openKeyFile } from '../../electron/main/secret-store/key-file'

const [file, go] = process.argv.slice(2)
if (file === undefined || go === undefined) throw new Error('usage: key-file-child <key file> <go file>')
process.stdout.write('ready\n')
while (!fs.existsSync(go)) {
  // Spin rather than sleep: a timer's granularity would spread the starts out and hide the race.
}
try {
  process.stdout.write(`${openKeyFile(file, currentOwner()).key.toString('base64')}\n`)
} catch (error) {
  process.stdout.write(`ERR ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
}

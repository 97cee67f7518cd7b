import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SecretStoreError } from './errors'

const KEY_BYTES = 32

/** The facts of the running process the checks need (passed in so tests can play another user). */
export interface ProcessOwner {
  /** POSIX user id of this process; undefined on Windows, where file modes mean nothing and the checks are skipped. */
  uid: number | undefined
}

export const currentOwner = (): ProcessOwner => ({ uid: process.getuid?.() })

/**
 * Opens the key file IT chose for a kiosk without an OS keychain, creating it (owner-only, a random 256-bit key) on
 * first use. On every start it must still be a plain file of this user that nobody else can read or write: a key
 * that others could read protects nothing, and one that others could write could be swapped. Then it refuses
 * rather than use it — it never repairs the mode itself, since a file someone widened may already have been copied.
 * Returns the key and whether this call created it.
 */
export function openKeyFile(file: string, owner: ProcessOwner): { key: Buffer; created: boolean } {
  let created = false
  let body: Buffer
  try {
    body = fs.readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error)
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    created = createKeyFile(file)
    body = fs.readFileSync(file)
  }
  checkOwnerOnly(file, owner)
  const key = Buffer.from(body.toString('utf8').trim(), 'base64')
  if (key.length !== KEY_BYTES) {
    throw new SecretStoreError(
      `Tệp khóa ${file} bị hỏng (không chứa khóa 256 bit). Hãy khôi phục tệp từ bản sao; không xóa các tệp trong thư mục secrets.`,
      `The key file ${file} is damaged (no 256-bit key in it); restore it, and keep the secrets folder as it is.`,
    )
  }
  return { key, created }
}

/**
 * Two starts at once must end with one key, and neither may read the file before the key is in it (it would call
 * an empty file damaged): the key is written to a file of this process first, then linked into place — link()
 * fails if the name exists, and the name appears with the whole key in it. True when this call made it.
 */
function createKeyFile(file: string): boolean {
  const own = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`
  try {
    fs.writeFileSync(own, `${crypto.randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    fs.linkSync(own, file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw unreadable(file, error)
  } finally {
    fs.rmSync(own, { force: true })
  }
}

function checkOwnerOnly(file: string, owner: ProcessOwner): void {
  const stat = fs.lstatSync(file)
  if (!stat.isFile()) {
    throw new SecretStoreError(
      `${file} không phải là một tệp thường (có thể là liên kết). Tệp khóa phải là tệp thật của tài khoản kiosk.`,
      `${file} is not a regular file (a link?); the key file must be a plain file of the kiosk account.`,
    )
  }
  if (owner.uid === undefined) return
  if (stat.uid !== owner.uid) {
    throw new SecretStoreError(
      `Tệp khóa ${file} thuộc về người dùng khác (uid ${stat.uid}), không phải tài khoản đang chạy kiosk (uid ${owner.uid}). ` +
        `Hãy chạy: sudo chown ${owner.uid} "${file}"`,
      `The key file belongs to uid ${stat.uid}, not to the kiosk account (uid ${owner.uid}).`,
    )
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new SecretStoreError(
      `Tệp khóa ${file} đang cho người khác đọc hoặc ghi (quyền ${(stat.mode & 0o777).toString(8)}). Ứng dụng không dùng ` +
        `khóa này. Hãy chạy: chmod 600 "${file}", rồi cân nhắc tạo khóa mới nếu tệp có thể đã bị sao chép.`,
      `The key file is readable or writable by group/others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600.`,
    )
  }
}

function unreadable(file: string, error: unknown): SecretStoreError {
  return new SecretStoreError(
    `Không đọc hoặc tạo được tệp khóa ${file}: ${String(error)}.`,
    `Cannot read or create the key file ${file}.`,
  )
}

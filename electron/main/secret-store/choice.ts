import fs from 'node:fs'
import path from 'node:path'
import type { SecretStore } from '../../core/device/secret-store'
import type { ShellLogger } from '../log'
import { sealedSecretStore, type FormerSealer, type SafeStorageLike } from '../secrets'
import type { UnattendedSettings } from '../unattended/settings'
import { SecretStoreError } from './errors'
import { openKeyFile, type ProcessOwner } from './key-file'
import { keyFileSealer, keychainSealer, keychainWorks, plainFileSealer } from './sealers'

export type SecretStoreChoice =
  | { kind: 'ready'; store: SecretStore; label: string }
  /** Core must not start: the notice screen shows `error` to IT (setup-notice.ts). */
  | { kind: 'blocked'; error: SecretStoreError }

export interface ChoiceOptions {
  settings: Pick<UnattendedSettings, 'secretStore' | 'keyFile'>
  /** unattended.json, named in the notice so IT knows which file to edit. */
  settingsFile: string
  safeStorage: SafeStorageLike
  userData: string
  owner: ProcessOwner
  log: ShellLogger
}

/** Where the key file lives when IT chose the key-file store without naming a path. */
export const defaultKeyFile = (userData: string) => path.join(userData, 'secret-store.key')

/**
 * Decides, on every start, how this PC keeps its secrets — never silently. The OS keychain is the default; where
 * it is missing (a Linux kiosk logged in automatically, without a Secret Service), the app does not fall back to
 * unprotected files on its own: it stops before core opens and tells IT the two ways out. The key-file store is
 * used only when IT chose it in unattended.json, and that choice is logged on every start.
 */
export function chooseSecretStore(options: ChoiceOptions): SecretStoreChoice {
  const dir = path.join(options.userData, 'secrets')
  const keyFile = options.settings.keyFile ?? defaultKeyFile(options.userData)
  const keychain = keychainWorks(options.safeStorage)
  try {
    if (options.settings.secretStore === 'keychain') {
      if (!keychain) return { kind: 'blocked', error: noKeychain(options.settingsFile) }
      const sealer = keychainSealer(options.safeStorage)
      options.log.info(`secrets are kept in the ${sealer.label}`)
      const former = [formerKeyFile(keyFile, options.owner), formerPlain]
      return { kind: 'ready', store: sealedSecretStore({ dir, sealer, former, log: options.log }), label: sealer.label }
    }
    const { key, created } = openKeyFile(keyFile, options.owner)
    const sealer = keyFileSealer(key, keyFile)
    // An explicit choice of a weaker store than the keychain: said on every start, for whoever reads the log later.
    options.log.warn(`secrets are kept under the ${sealer.label}, as IT chose in ${options.settingsFile}`)
    if (created) options.log.warn(`key file ${keyFile} created (owner-only, random 256-bit key)`)
    const former = [formerKeychain(options.safeStorage, keychain), formerPlain]
    return { kind: 'ready', store: sealedSecretStore({ dir, sealer, former, log: options.log }), label: sealer.label }
  } catch (error) {
    if (error instanceof SecretStoreError) return { kind: 'blocked', error }
    throw error
  }
}

const formerPlain: FormerSealer = { ext: plainFileSealer.ext, label: plainFileSealer.label, open: () => plainFileSealer }

function formerKeychain(safeStorage: SafeStorageLike, works: boolean): FormerSealer {
  const sealer = keychainSealer(safeStorage)
  return {
    ext: sealer.ext,
    label: sealer.label,
    open: () => {
      if (works) return sealer
      throw new SecretStoreError(
        'Các khóa bí mật hiện có được mã hóa bằng kho khóa của hệ điều hành, nhưng lần khởi động này kho khóa không ' +
          'dùng được, nên không thể chuyển chúng sang tệp khóa. Ứng dụng không tạo khóa mới (mọi mã PIN sẽ mất hiệu lực ' +
          'và chuỗi đánh giá bị đứt). Hãy mở ứng dụng một lần trong phiên có kho khóa (Secret Service/KWallet) để ' +
          'chuyển khóa sang tệp khóa.',
        'Existing secrets are sealed by the OS keychain, which is unavailable now, so they cannot be moved to the key ' +
          'file. Start once in a session with the keychain to move them; no new secret was created.',
      )
    },
  }
}

function formerKeyFile(file: string, owner: ProcessOwner): FormerSealer {
  return {
    ext: '.sealed',
    label: `key file ${file}`,
    open: () => {
      // Moving back to the keychain reads the old key file; it must never create one.
      if (!fs.existsSync(file)) {
        throw new SecretStoreError(
          `Các khóa bí mật hiện có được khóa bằng tệp khóa ${file}, nhưng tệp này không còn. Ứng dụng không tạo khóa ` +
            `mới. Hãy đặt lại tệp khóa (hoặc ghi đúng "keyFile" trong unattended.json) rồi khởi động lại.`,
          `Existing secrets are sealed with the key file ${file}, which is missing; no new secret was created.`,
        )
      }
      return keyFileSealer(openKeyFile(file, owner).key, file)
    },
  }
}

function noKeychain(settingsFile: string): SecretStoreError {
  return new SecretStoreError(
    'Máy này không có kho khóa của hệ điều hành (Secret Service hoặc KWallet) đang chạy, nên ứng dụng chưa thể bảo vệ ' +
      'khóa thiết bị và mã PIN; ứng dụng không chạy với khóa không được bảo vệ. IT chọn một trong hai cách, rồi ' +
      'khởi động lại ứng dụng:\n' +
      '1. Bật kho khóa cho tài khoản kiosk (ví dụ gnome-keyring được mở khóa khi đăng nhập tự động).\n' +
      `2. Dùng tệp khóa: ghi "secretStore": "keyfile" vào ${settingsFile} (có thể thêm "keyFile": "/đường/dẫn/tuyệt/đối"). ` +
      'Tệp khóa được tạo một lần, chỉ tài khoản kiosk đọc được; hãy sao lưu nó cùng thư mục dữ liệu.',
    'No OS keychain (Secret Service/KWallet) is running. Either start one for the kiosk account, or set ' +
      `"secretStore": "keyfile" in ${settingsFile}, then restart the app.`,
  )
}

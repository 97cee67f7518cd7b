import fs from 'node:fs'
import path from 'node:path'
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron'

export interface SaveDialogLike {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>
}

/**
 * Where "Lưu gói chẩn đoán" puts the zip in the Electron shell: IT picks the place (a USB stick, a shared folder)
 * in the system's save dialog; cancelling saves nothing. Written owner-only: the package holds no secret, but it
 * does hold the centre's configuration and logs.
 */
export function saveWithDialog(dialog: SaveDialogLike, defaultDir: string) {
  return async (suggestedName: string, zip: Buffer): Promise<string | null> => {
    const answer = await dialog.showSaveDialog({
      title: 'Lưu gói chẩn đoán',
      defaultPath: path.join(defaultDir, suggestedName),
      filters: [{ name: 'Zip', extensions: ['zip'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
    if (answer.canceled || answer.filePath === undefined || answer.filePath === '') return null
    fs.writeFileSync(answer.filePath, zip, { mode: 0o600 })
    return answer.filePath
  }
}

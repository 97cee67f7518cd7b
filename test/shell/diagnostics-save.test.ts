import fs from 'node:fs'
import path from 'node:path'
import type { SaveDialogOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { saveWithDialog } from '../../electron/main/diagnostics-save'
import { tempDir } from '../helpers/temp-dir'

const zip = Buffer.from('PK\u0003\u0004 a zip')

describe('saving the diagnostics package in the Electron shell', () => {
  it('asks IT where, suggesting the name in the documents folder, and writes an owner-only file there', async () => {
    const target = path.join(tempDir(), 'usb', 'goi.zip')
    fs.mkdirSync(path.dirname(target))
    const showSaveDialog = vi.fn((_options: SaveDialogOptions) => Promise.resolve({ canceled: false, filePath: target }))
    const file = await saveWithDialog({ showSaveDialog }, '/home/kiosk/Documents')('chan-doan-1.zip', zip)
    expect(file).toBe(target)
    expect(showSaveDialog.mock.calls[0]?.[0]).toMatchObject({
      title: 'Lưu gói chẩn đoán',
      defaultPath: path.join('/home/kiosk/Documents', 'chan-doan-1.zip'),
    })
    expect(fs.readFileSync(target)).toEqual(zip)
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600)
  })

  it('saves nothing when IT cancels', async () => {
    const showSaveDialog = () => Promise.resolve({ canceled: true, filePath: '' })
    expect(await saveWithDialog({ showSaveDialog }, tempDir())('x.zip', zip)).toBeNull()
  })
})

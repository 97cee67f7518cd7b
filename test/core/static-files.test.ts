import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveStaticFile } from '../../electron/core/static-files'
import { tempDir } from '../helpers/temp-dir'

describe('resolveStaticFile', () => {
  function bundle() {
    const base = tempDir()
    const root = path.join(base, 'renderer')
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
    for (const f of ['index.html', 'assets/a.woff2', 'assets/B.SVG', 'assets/x.unknown']) fs.writeFileSync(path.join(root, f), f)
    fs.writeFileSync(path.join(base, 'secret.txt'), 'outside')
    return root
  }

  it('maps paths to files with the content types the renderer build produces', () => {
    const root = bundle()
    expect(resolveStaticFile(root, '/')).toEqual({ file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' })
    expect(resolveStaticFile(root, '/assets/a.woff2')?.contentType).toBe('font/woff2')
    expect(resolveStaticFile(root, '/assets/B.SVG')?.contentType).toBe('image/svg+xml')
  })

  it('refuses unknown types, directories, missing files and every way out of the folder', () => {
    const root = bundle()
    for (const p of [
      '/assets/x.unknown',
      '/assets',
      '/nope.js',
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%E0%A4%A',
      '/index.html%00.js',
    ]) {
      expect(resolveStaticFile(root, p), p).toBeNull()
    }
  })
})

import { describe, expect, it, vi } from 'vitest'
import { SecretStoreError } from '../../electron/main/secret-store/errors'
import { setupNoticeHtml, showSetupNotice } from '../../electron/main/setup-notice'

const error = new SecretStoreError('Tệp khóa <b>"/x"</b> bị hỏng.\nDòng hai.', 'The key file <script> is damaged.')

describe('the set-up notice', () => {
  it('says it in Vietnamese first, then English, as inert text with no script allowed', () => {
    const html = setupNoticeHtml(error)
    expect(html.indexOf('Tệp khóa')).toBeLessThan(html.indexOf('The key file'))
    expect(html).toContain('<p>Tệp khóa &lt;b&gt;&quot;/x&quot;&lt;/b&gt; bị hỏng.</p><p>Dòng hai.</p>')
    expect(html).not.toContain('<script>')
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`)
  })

  it('opens one sandboxed window without preload or JavaScript, in kiosk mode when installed', () => {
    const loadURL = vi.fn((_url: string) => Promise.resolve())
    const open = vi.fn((_options: Electron.BrowserWindowConstructorOptions) => ({ loadURL, close: vi.fn() }))
    showSetupNotice(open, error, true)
    const options = open.mock.calls[0]?.[0]
    expect(options).toMatchObject({ kiosk: true, webPreferences: { javascript: false, sandbox: true, nodeIntegration: false } })
    expect(options?.webPreferences).not.toHaveProperty('preload')
    expect(loadURL.mock.calls[0]?.[0]).toMatch(/^data:text\/html;charset=utf-8,/)
  })
})

import type { BrowserWindowConstructorOptions } from 'electron'
import type { SecretStoreError } from './secret-store/errors'
import { secureWebPreferences } from './security/web-preferences'

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** The notice's page: static text, no script, Vietnamese first and large, English below for the vendor. */
export function setupNoticeHtml(error: SecretStoreError): string {
  const paragraphs = (text: string) =>
    text
      .split('\n')
      .map((p) => `<p>${escape(p)}</p>`)
      .join('')
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<title>Cần IT thiết lập</title><style>' +
    'body{font-family:sans-serif;margin:6vh 8vw;font-size:24px;line-height:1.5;color:#1a1a1a}' +
    'h1{font-size:36px;color:#a4262c}p{margin:0 0 .7em}.en{font-size:16px;color:#555;margin-top:3em}' +
    '</style></head><body>' +
    '<h1>Kiosk Một cửa chưa thể khởi động: cần IT thiết lập nơi giữ khóa bí mật</h1>' +
    paragraphs(error.vi) +
    `<div class="en" lang="en">${paragraphs(error.en)}</div>` +
    '</body></html>'
  )
}

export interface NoticeWindow {
  loadURL(url: string): Promise<void>
  close(): void
}

/**
 * A kiosk that cannot open its secrets must neither crash, nor quit (a kiosk that vanishes tells nobody anything),
 * nor start with unprotected secrets: it shows this one static page, full screen, until IT has fixed the cause.
 * The page has no preload and no JavaScript, so nothing on it can reach the app.
 */
export function showSetupNotice(
  open: (options: BrowserWindowConstructorOptions) => NoticeWindow,
  error: SecretStoreError,
  production: boolean,
): NoticeWindow {
  const { preload: _none, ...webPreferences } = secureWebPreferences({ preload: '', devTools: false })
  const win = open({
    title: 'Kiosk Một cửa — cần IT thiết lập',
    width: 1280,
    height: 800,
    kiosk: production,
    backgroundColor: '#ffffff', // as the app's windows (window.ts), without loading electron here
    autoHideMenuBar: true,
    webPreferences: { ...webPreferences, javascript: false },
  })
  void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(setupNoticeHtml(error))}`).catch(() => {})
  return win
}

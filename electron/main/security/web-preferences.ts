import type { WebPreferences } from 'electron'

/**
 * The main window's webPreferences. Every value is spelled out, even where it equals Electron's default, so a
 * future default change or a careless edit shows up in review and in test/shell/web-preferences.test.ts.
 * Numbers refer to https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
export function secureWebPreferences(options: { preload: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preload,
    // #2 Do not enable Node.js integration for remote content — nor in workers or sub-frames.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // #3 Enable context isolation: the page cannot reach the preload's globals or Electron internals.
    contextIsolation: true,
    // #4 Enable process sandboxing (also forced app-wide by app.enableSandbox() in index.ts).
    sandbox: true,
    // #6 Do not disable webSecurity (same-origin policy, CORS).
    webSecurity: true,
    // #8 Do not allow running insecure (http) content inside the page.
    allowRunningInsecureContent: false,
    // #9 Do not enable experimental Chromium features; #10 implies no extra Blink features either.
    experimentalFeatures: false,
    // #11 Do not use <webview>; attaching one is also refused in navigation.ts.
    webviewTag: false,
    // #13 Dropping a file or link on the window must not navigate away from the app.
    navigateOnDragDrop: false,
    // No plugins (PDF viewer, …) and no WebSQL: the renderer needs neither, so they are attack surface only.
    plugins: false,
    enableWebSQL: false,
    // The spellchecker downloads dictionaries from Google; the kiosk never talks to the network from here.
    spellcheck: false,
    // alert()/confirm() would freeze a kiosk screen until someone with a mouse closes the box.
    disableDialogs: true,
    // The lobby board announces "Mời công dân số … đến quầy …" without anyone touching the screen first.
    autoplayPolicy: 'no-user-gesture-required',
    // Devtools are a way out of the kiosk: only an unpackaged checkout gets them.
    devTools: options.devTools,
  }
}

/**
 * Run by discovery.test.ts inside a network namespace of its own (only its loopback, multicast switched on): one
 * hub announces itself with the real DNS-SD code, a browser finds it, and one JSON line says what was found —
 * the hub as the pairing screen gets it and the raw TXT record the LAN saw.
 */
import { Bonjour } from 'bonjour-service'
import { announceHub, browseHubs, SERVICE_TYPE } from '../../electron/lan/discovery'

async function main(): Promise<void> {
  const spki = process.argv[2] ?? ''
  const announcement = announceHub({ name: 'Kiosk chính Phòng máy', port: 8443, spki }, { error: (m) => console.error(m) })
  const browser = browseHubs()
  const raw = new Bonjour()
  const rawBrowser = raw.find({ type: SERVICE_TYPE })
  for (let i = 0; i < 100 && (browser.found().length === 0 || rawBrowser.services.length === 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  process.stdout.write(`${JSON.stringify({ found: browser.found(), txt: rawBrowser.services.map((s) => s.txt) })}\n`)
  browser.stop()
  rawBrowser.stop()
  raw.destroy()
  await announcement.stop()
  // After the goodbye, the hub leaves the list (a hub switched off is not offered for ever).
  const after = browseHubs()
  await new Promise((resolve) => setTimeout(resolve, 500))
  process.stdout.write(`${JSON.stringify({ foundAfterStop: after.found() })}\n`)
  after.stop()
}

void main()

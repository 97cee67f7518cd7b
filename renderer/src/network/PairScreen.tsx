import 'react-simple-keyboard/build/css/index.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import Keyboard from 'react-simple-keyboard'
import { usePhysicalKeys } from '../components/use-physical-keys'
import { useCentreStore } from '../stores/centre-store'
import { useLinkStore } from '../stores/link-store'
import { useUiStore } from '../stores/ui-store'
import { pairErrorKey } from './pair-errors'
import { useFoundHubs } from './use-found-hubs'
import './network.css'

/** What a code can hold: the hub's address and port, then the 16-letter code (Crockford letters, no I L O U). */
const layout = {
  default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L :', 'Z X C V B N M . -', '{space}'],
}
const MAX_LENGTH = 600

/**
 * "Kết nối với kiosk chính": a client PC's first screen, and its screen again once IT revokes it. IT reads out or
 * shows the code from Quản trị → Thiết bị on the hub; here it is typed on the large keyboard (`address:port CODE`)
 * or scanned — a USB scanner is a keyboard, so its keystrokes are taken from the whole window, Enter included.
 */
export function PairScreen({ revoked }: { revoked: boolean }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const setLanguage = useUiStore((s) => s.setLanguage)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const found = useFoundHubs()

  async function connect(): Promise<void> {
    const typed = code.trim()
    if (typed === '' || busy) return
    setBusy(true)
    setError(null)
    const result = await window.api.link.pair({ code: typed })
    setBusy(false)
    if (!result.ok) return setError(pairErrorKey(result.error))
    setCode('')
    // The role's screen comes from the hub's overview, now answered for this device.
    await useLinkStore.getState().load()
    await useCentreStore.getState().load()
  }

  const press = (button: string) => {
    if (button === '{bksp}') setCode((c) => c.slice(0, -1))
    else if (button === '{space}') setCode((c) => (c + ' ').slice(0, MAX_LENGTH))
    else setCode((c) => (c + button).slice(0, MAX_LENGTH))
  }

  usePhysicalKeys(press, () => void connect())

  return (
    <div className="screen pair-screen">
      <header className="pair-screen__header">
        <h1 className="pair-screen__title">{t('network.pair.title')}</h1>
        <button type="button" className="button button--language" onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
          {t('language.switchTo')}
        </button>
      </header>
      <main className="pair-screen__main">
        {revoked && (
          <p className="pair-screen__revoked" role="alert" data-testid="link-revoked">
            {t('network.pair.revoked')}
          </p>
        )}
        <p className="pair-screen__hint">{t('network.pair.hint')}</p>
        {found.length > 0 && (
          <section className="pair-screen__found" aria-labelledby="pair-found">
            <p id="pair-found">{t('network.pair.found')}</p>
            <ul>
              {found.map((hub) => {
                const address = `${hub.host}:${hub.port}`
                return (
                  <li key={address}>
                    {/* Only the address: the code's secret (and its key check) still has to be typed or scanned. */}
                    <button type="button" className="button" data-testid="found-hub" onClick={() => setCode(`${address} `)}>
                      {t('network.pair.foundHub', { name: hub.name, address })}
                    </button>
                  </li>
                )
              })}
            </ul>
          </section>
        )}
        <label className="pair-screen__field">
          <span>{t('network.pair.codeLabel')}</span>
          <input
            className="pair-screen__code"
            value={code}
            readOnly
            placeholder="192.168.1.10:8443 ABCD-EFGH-JKMN-PQRS"
            data-testid="pair-code"
          />
        </label>
        {error !== null && (
          <p className="message pair-screen__error" role="alert">
            {t(`network.pair.errors.${error}`)}
          </p>
        )}
        <button
          type="button"
          className="button button--primary pair-screen__connect"
          disabled={busy || code.trim() === ''}
          onClick={() => void connect()}
        >
          {busy ? t('network.pair.connecting') : t('network.pair.connect')}
        </button>
        <div className="pair-keyboard">
          <Keyboard
            layout={layout}
            onKeyPress={press}
            useButtonTag
            disableButtonHold
            display={{ '{bksp}': `⌫ ${t('keyboard.delete')}`, '{space}': t('keyboard.space') }}
          />
        </div>
      </main>
    </div>
  )
}

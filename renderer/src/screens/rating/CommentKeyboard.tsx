import 'react-simple-keyboard/build/css/index.css'
import './comment-keyboard.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import Keyboard from 'react-simple-keyboard'
import { codePointLength, withoutLastGrapheme } from '../../../../shared/text'
import { telexType } from '../../telex/telex'
import { usePhysicalKeys } from '../../components/use-physical-keys'

const layout = {
  default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'q w e r t y u i o p', 'a s d f g h j k l', '{shift} z x c v b n m , .', '{space}'],
  shift: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L', '{shift} Z X C V B N M ? !', '{space}'],
}

interface Props {
  value: string
  maxLength: number
  onChange(value: string): void
  /** A physical keyboard's Enter; on screen, "Done" is a button of the comment box. */
  onDone(): void
}

/**
 * The on-screen keyboard for comments (simple-keyboard), typing Vietnamese with Telex: "nhieeuf" gives "nhiều".
 * A physical keyboard, where one is attached, types through the same composer. Input stops at `maxLength`.
 */
export function CommentKeyboard({ value, maxLength, onChange, onDone }: Props) {
  const { t } = useTranslation()
  const [layoutName, setLayoutName] = useState<'default' | 'shift'>('default')

  function press(button: string): void {
    if (button === '{shift}') return setLayoutName(layoutName === 'default' ? 'shift' : 'default')
    if (button === '{bksp}') return onChange(withoutLastGrapheme(value))
    const next = telexType(value, button === '{space}' ? ' ' : button)
    // Composition may keep the length (a tone mark) even at the limit; only growth past the limit is refused.
    if (codePointLength(next) <= maxLength) onChange(next)
    if (layoutName === 'shift') setLayoutName('default')
  }

  usePhysicalKeys(press, onDone)

  return (
    <div className="comment-keyboard">
      {/* Most citizens type Vietnamese on phones that compose by themselves; a plain keyboard needs Telex said. */}
      <p className="comment-keyboard__hint">{t('keyboard.telexHint')}</p>
      <Keyboard
        layout={layout}
        layoutName={layoutName}
        onKeyPress={press}
        useButtonTag
        disableButtonHold
        display={{
          '{bksp}': `⌫ ${t('keyboard.delete')}`,
          '{shift}': `⇧ ${t('keyboard.shift')}`,
          '{space}': t('keyboard.space'),
        }}
      />
    </div>
  )
}

import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useQueueStore } from '../../stores/queue-store'
import { callClips } from './voice-clips'

/** A clip that neither ends nor fails within this time is given up, so one broken file cannot stop the queue. */
const CLIP_LIMIT_MS = 8000

function playClip(audio: HTMLAudioElement, name: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      audio.removeEventListener('ended', done)
      audio.removeEventListener('error', done)
      resolve()
    }
    const timer = setTimeout(done, CLIP_LIMIT_MS)
    audio.addEventListener('ended', done)
    audio.addEventListener('error', done)
    audio.src = `./media/voice/${name}.wav`
    // A refused play (no audio device, autoplay policy) ends this clip; the call still counts as spoken on screen.
    audio.play().catch(done)
  })
}

/**
 * Speaks queued calls one after another from the bundled clips. The store holds the queue; this component only
 * takes the next call when none is being spoken, so two calls never overlap, and they are spoken in order.
 * The sentence is also put in a live region for screen readers, and the spoken history kept for IT.
 */
export function VoicePlayer() {
  const { t } = useTranslation()
  const voice = useQueueStore((s) => s.voice)
  // Until the options arrive it is not known whether the voice is on: calls wait in the queue meanwhile.
  const ready = useQueueStore((s) => s.options !== null)
  const volume = useQueueStore((s) => s.options?.voice.volume ?? 1)
  const startNextCall = useQueueStore((s) => s.startNextCall)
  const finishCall = useQueueStore((s) => s.finishCall)
  const attachVoicePlayer = useQueueStore((s) => s.attachVoicePlayer)

  useEffect(() => attachVoicePlayer(), [attachVoicePlayer])

  useEffect(() => {
    if (!ready || voice.speaking !== null || voice.pending.length === 0) return
    const call = startNextCall()
    if (call === null) return
    const audio = new Audio()
    audio.volume = volume
    void (async () => {
      for (const clip of callClips(call.ticketCode, call.counterNumber, call.kind)) await playClip(audio, clip)
      finishCall()
    })()
  }, [ready, voice.speaking, voice.pending.length, startNextCall, finishCall, volume])

  const speaking = voice.speaking
  return (
    <>
      <p className="visually-hidden" aria-live="assertive">
        {speaking === null ? '' : t('queue.voiceSentence', { code: speaking.ticketCode, number: speaking.counterNumber })}
      </p>
      <ol className="visually-hidden" aria-label={t('queue.voiceHistory')} data-testid="voice-history">
        {voice.spoken.map((call) => (
          <li key={call.eventId} data-kind={call.kind}>
            {call.ticketCode} {call.counterNumber}
          </li>
        ))}
      </ol>
    </>
  )
}

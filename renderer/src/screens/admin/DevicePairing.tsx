import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CounterView } from '../../../../shared/schemas/centre'
import {
  COUNTER_ROLES,
  DEVICE_ROLE_LIST,
  PAIRING_TTL_MS,
  type DeviceRole,
  type PairingTicket,
} from '../../../../shared/schemas/devices'
import { QrCode } from '../../components/queue/QrCode'

/**
 * "Ghép nối thiết bị mới": IT picks the role (and the counter, for a counter screen or a console) and gets a
 * one-time code as a QR for the new PC's scanner and as `address:port CODE` to type, with the time it has left.
 * The countdown runs on this screen's monotonic clock from the moment the code arrived (it is made just then), so a
 * screen whose clock is off still counts the ten minutes right.
 */
export function DevicePairing({ counters }: { counters: readonly CounterView[] }) {
  const { t } = useTranslation()
  const [role, setRole] = useState<DeviceRole>('lobby')
  const [counterId, setCounterId] = useState<number | null>(counters[0]?.id ?? null)
  const [ticket, setTicket] = useState<{ value: PairingTicket; receivedAt: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(() => performance.now())
  const needsCounter = COUNTER_ROLES.has(role)

  useEffect(() => {
    if (ticket === null) return
    const timer = setInterval(() => setNow(performance.now()), 1000)
    return () => clearInterval(timer)
  }, [ticket])

  async function start(): Promise<void> {
    setError(null)
    const result = await window.api.devices.pairStart({ role, counterId: needsCounter ? counterId : null })
    if (!result.ok) return setError(result.error.code)
    setTicket({ value: result.value, receivedAt: performance.now() })
    setNow(performance.now())
  }

  const left = ticket === null ? 0 : Math.max(0, PAIRING_TTL_MS - (now - ticket.receivedAt))
  const minutes = Math.floor(left / 60_000)
  const seconds = Math.floor((left % 60_000) / 1000)
  return (
    <div className="device-pairing">
      <h3 className="panel__title">{t('network.devices.pairTitle')}</h3>
      <label className="form-field">
        <span>{t('network.devices.role')}</span>
        <select value={role} onChange={(e) => setRole(e.target.value as DeviceRole)} data-testid="pair-role">
          {DEVICE_ROLE_LIST.map((r) => (
            <option key={r} value={r}>
              {t(`network.roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {needsCounter && (
        <label className="form-field">
          <span>{t('network.devices.counter')}</span>
          <select value={counterId ?? ''} onChange={(e) => setCounterId(Number(e.target.value))} data-testid="pair-counter">
            {counters.map((c) => (
              <option key={c.id} value={c.id}>
                {t('queue.counter', { number: c.number })}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="button button--primary" onClick={() => void start()}>
        {t('network.devices.makeCode')}
      </button>
      {error !== null && (
        <p className="message" role="alert">
          {t(error === 'UNAVAILABLE' ? 'network.devices.notServing' : 'network.devices.failed')}
        </p>
      )}
      {ticket !== null && (
        <div className="device-pairing__ticket" data-testid="pair-ticket">
          <QrCode text={ticket.value.qrText} label={t('network.devices.qrLabel')} size={240} />
          <p className="device-pairing__code" data-testid="pair-typed">
            {ticket.value.address} {ticket.value.shortCode}
          </p>
          <p role="timer" className="device-pairing__left">
            {left > 0
              ? t('network.devices.left', { time: `${minutes}:${String(seconds).padStart(2, '0')}` })
              : t('network.devices.expired')}
          </p>
        </div>
      )}
    </div>
  )
}

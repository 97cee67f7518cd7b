import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AdminConfig } from '../../../../shared/schemas/admin'
import { COUNTER_ROLES, type Device } from '../../../../shared/schemas/devices'
import { dateTime } from '../staff/format'
import { DevicePairing } from './DevicePairing'
import { AdminSection } from './ListSection'
import { useCall } from './use-call'

/** How often the list is read again: "online" is the hub's view of the last few seconds. */
const REFRESH_MS = 3000

/**
 * Quản trị → Thiết bị: every paired PC of the centre (role, counter, name, app version, address, last seen,
 * online), a new pairing code, and per device rename, move to another counter, revoke. Core audits each step.
 */
export function DevicesPage({ config }: { config: AdminConfig }) {
  const { t } = useTranslation()
  const [devices, reload] = useCall(() => window.api.devices.list({}))
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return (
    <AdminSection id="devices-title" title={t('admin.nav.devices')}>
      <DevicePairing counters={config.counters} />
      {devices.status === 'failed' && (
        <p className="message" role="alert">
          {t('network.devices.failed')}
        </p>
      )}
      {devices.status === 'ready' && devices.value.length === 0 && <p className="message">{t('network.devices.none')}</p>}
      {devices.status === 'ready' && devices.value.length > 0 && (
        <table className="admin-table device-table" data-testid="device-list">
          <thead>
            <tr>
              {['name', 'role', 'counter', 'version', 'address', 'lastSeen', 'state', 'actions'].map((c) => (
                <th key={c}>{t(`network.devices.columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {devices.value.map((d) => (
              <DeviceRow key={d.id} device={d} config={config} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
    </AdminSection>
  )
}

type Editing = 'none' | 'rename' | 'move' | 'revoke'

function DeviceRow({ device, config, onChanged }: { device: Device; config: AdminConfig; onChanged: () => void }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<Editing>('none')
  const [name, setName] = useState(device.name)
  const [counterId, setCounterId] = useState(device.counterId ?? config.counters[0]?.id ?? 0)
  const [error, setError] = useState(false)
  const revoked = device.revokedAt !== null

  async function run(change: () => Promise<{ ok: boolean }>): Promise<void> {
    const result = await change()
    setError(!result.ok)
    if (result.ok) setEditing('none')
    onChanged()
  }

  return (
    <tr data-testid="device-row" aria-label={device.name}>
      <td>{device.name}</td>
      <td>{t(`network.roles.${device.role}`)}</td>
      <td>{device.counterNumber === null ? '—' : device.counterNumber}</td>
      <td>{device.appVersion}</td>
      <td>{device.address}</td>
      <td>{device.lastSeenAt === null ? '—' : dateTime(device.lastSeenAt)}</td>
      <td>{t(`network.devices.${revoked ? 'revoked' : device.online ? 'online' : 'offline'}`)}</td>
      <td className="device-actions">
        {!revoked && editing === 'none' && (
          <>
            <button type="button" className="button" onClick={() => setEditing('rename')}>
              {t('network.devices.rename')}
            </button>
            {COUNTER_ROLES.has(device.role) && (
              <button type="button" className="button" onClick={() => setEditing('move')}>
                {t('network.devices.move')}
              </button>
            )}
            <button type="button" className="button button--danger" onClick={() => setEditing('revoke')}>
              {t('network.devices.revoke')}
            </button>
          </>
        )}
        {editing === 'rename' && (
          <>
            <input value={name} maxLength={60} aria-label={t('network.devices.columns.name')} onChange={(e) => setName(e.target.value)} />
            <button type="button" className="button button--primary" onClick={() => void run(() => window.api.devices.rename({ id: device.id, name }))}>
              {t('network.devices.save')}
            </button>
          </>
        )}
        {editing === 'move' && (
          <>
            <select value={counterId} aria-label={t('network.devices.counter')} onChange={(e) => setCounterId(Number(e.target.value))}>
              {config.counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('queue.counter', { number: c.number })}
                </option>
              ))}
            </select>
            <button type="button" className="button button--primary" onClick={() => void run(() => window.api.devices.move({ id: device.id, counterId }))}>
              {t('network.devices.save')}
            </button>
          </>
        )}
        {editing === 'revoke' && (
          <span role="alertdialog" aria-label={t('network.devices.revokeConfirm', { name: device.name })}>
            {t('network.devices.revokeConfirm', { name: device.name })}{' '}
            <button type="button" className="button button--danger" onClick={() => void run(() => window.api.devices.revoke({ id: device.id }))}>
              {t('network.devices.revokeYes')}
            </button>
          </span>
        )}
        {editing !== 'none' && (
          <button type="button" className="button" onClick={() => setEditing('none')}>
            {t('network.devices.cancel')}
          </button>
        )}
        {error && (
          <span role="alert" className="message">
            {t('network.devices.failed')}
          </span>
        )}
      </td>
    </tr>
  )
}

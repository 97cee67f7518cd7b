import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountAdminView } from '../../../../shared/schemas/auth'
import type { OfficerView } from '../../../../shared/schemas/centre'
import { useCentreStore } from '../../stores/centre-store'
import { dateTime } from '../staff/format'
import { PinPad } from '../staff/PinPad'
import { AdminSection, AdminTable } from './ListSection'
import { useCall } from './use-call'

/** Whose PIN the pad is setting: an officer's (creating the account if needed) or an admin account's. */
type PinTarget = { kind: 'officer'; id: number; name: string } | { kind: 'admin'; id: number; name: string }

/**
 * Officers' and admins' PINs (set or replace; clears a lockout and ends that account's sessions), the lockout
 * state of every account, and disabling an account (IT taking access back at once).
 */
export function AccountsPage() {
  const { t } = useTranslation()
  const overview = useCentreStore((s) => s.state.overview)
  const [accounts, reload] = useCall(() => window.api.auth.list({}))
  const [target, setTarget] = useState<PinTarget | null>(null)
  const [message, setMessage] = useState('')
  const officers = (overview?.counters ?? []).flatMap((c) => (c.officer ? [c.officer] : []))

  const pickOfficer = (o: OfficerView | undefined) => setTarget(o ? { kind: 'officer', id: o.id, name: o.fullName } : null)
  const setPin = async (pin: string) => {
    if (target === null) return
    const result =
      target.kind === 'officer'
        ? await window.api.auth.setOfficerPin({ officerId: target.id, pin })
        : await window.api.auth.setAdminPin({ accountId: target.id, pin })
    setMessage(result.ok ? t('admin.accounts.pinSet', { name: target.name }) : t('admin.saveFailed'))
    setTarget(null)
    reload()
  }
  const disable = async (account: AccountAdminView) => {
    const result = await window.api.auth.disable({ accountId: account.id })
    setMessage(
      result.ok ? t('admin.accounts.disabledDone', { name: account.displayName }) : t('admin.accounts.disableRefused'),
    )
    reload()
  }
  const unlock = async (accountId: number) => {
    await window.api.auth.unlock({ accountId })
    reload()
  }

  return (
    <AdminSection id="accounts-title" title={t('admin.nav.accounts')}>
      <p role="status" className="admin-status">
        {message}
      </p>
      {target === null ? (
        <label className="field">
          <span className="field__label">{t('admin.accounts.setPinFor')}</span>
          <select
            className="field__input"
            value=""
            onChange={(e) => pickOfficer(officers.find((o) => o.id === Number(e.target.value)))}
          >
            <option value="">{t('admin.accounts.chooseOfficer')}</option>
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.fullName}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <div className="login__pin">
          <p className="message">{t('admin.accounts.newPin', { name: target.name })}</p>
          <PinPad onSubmit={(pin) => void setPin(pin)} disabled={false} />
          <button type="button" className="button" onClick={() => setTarget(null)}>
            {t('admin.cancel')}
          </button>
        </div>
      )}
      {accounts.status === 'ready' && (
        <AdminTable
          columns={[t('admin.accounts.name'), t('admin.accounts.role'), t('admin.accounts.state'), t('admin.accounts.actions')]}
          rows={accounts.value}
          rowKey={(a) => a.id}
          cells={(a) => (
            <>
              <td>{a.displayName}</td>
              <td>{t(`admin.accounts.roles.${a.role}`)}</td>
              <td>
                {a.disabled
                  ? t('admin.accounts.disabled')
                  : a.lockedUntil !== null
                    ? t('admin.accounts.lockedUntil', { time: dateTime(a.lockedUntil) })
                    : t('admin.accounts.failures', { count: a.failedCount })}
              </td>
              <td>
                {(a.disabled || a.failedCount > 0) && (
                  <button type="button" className="button" onClick={() => void unlock(a.id)}>
                    {t('admin.accounts.unlock')}
                  </button>
                )}
                {a.role === 'admin' && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setTarget({ kind: 'admin', id: a.id, name: a.displayName })}
                  >
                    {t('admin.accounts.setAdminPin')}
                  </button>
                )}
                {!a.disabled && (
                  <button type="button" className="button" onClick={() => void disable(a)}>
                    {t('admin.accounts.disable')}
                  </button>
                )}
              </td>
            </>
          )}
        />
      )}
    </AdminSection>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficerView } from '../../../../shared/schemas/centre'
import { useCentreStore } from '../../stores/centre-store'
import { useUiStore } from '../../stores/ui-store'
import { dateTime } from '../staff/format'
import { PinPad } from '../staff/PinPad'
import { AdminSection, AdminTable } from './ListSection'
import { useCall } from './use-call'

/** Officers' PINs (set or replace; clears a lockout) and the lockout state of every account. */
export function AccountsPage() {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const overview = useCentreStore((s) => s.state.overview)
  const [accounts, reload] = useCall(() => window.api.auth.list({}))
  const [officer, setOfficer] = useState<OfficerView | null>(null)
  const [message, setMessage] = useState('')
  const officers = (overview?.counters ?? []).flatMap((c) => (c.officer ? [c.officer] : []))

  const setPin = async (pin: string) => {
    if (officer === null) return
    const result = await window.api.auth.setOfficerPin({ officerId: officer.id, pin })
    setMessage(result.ok ? t('admin.accounts.pinSet', { name: officer.fullName }) : t('admin.saveFailed'))
    setOfficer(null)
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
      {officer === null ? (
        <label className="field">
          <span className="field__label">{t('admin.accounts.setPinFor')}</span>
          <select
            className="field__input"
            value=""
            onChange={(e) => setOfficer(officers.find((o) => o.id === Number(e.target.value)) ?? null)}
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
          <p className="message">{t('admin.accounts.newPin', { name: officer.fullName })}</p>
          <PinPad onSubmit={(pin) => void setPin(pin)} disabled={false} />
          <button type="button" className="button" onClick={() => setOfficer(null)}>
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
                    ? t('admin.accounts.lockedUntil', { time: dateTime(a.lockedUntil, language) })
                    : t('admin.accounts.failures', { count: a.failedCount })}
              </td>
              <td>
                {(a.disabled || a.failedCount > 0) && (
                  <button type="button" className="button" onClick={() => void unlock(a.id)}>
                    {t('admin.accounts.unlock')}
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

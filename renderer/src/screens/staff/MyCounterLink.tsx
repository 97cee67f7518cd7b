import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAuthStore } from '../../stores/auth-store'

/**
 * The officer's way to their counter's controls: the counter they are assigned to now, read fresh from core (IT
 * may have moved them since this screen loaded). Core checks the assignment again on every counter call.
 */
export function MyCounterLink() {
  const { t } = useTranslation()
  const officerId = useAuthStore((s) => s.session?.officerId ?? null)
  const [counter, setCounter] = useState<{ id: number; number: number } | null | undefined>(undefined)

  useEffect(() => {
    let live = true
    void window.api.centre.overview({}).then((result) => {
      if (!live) return
      const mine = result.ok ? result.value.counters.find((c) => c.active && c.officer?.id === officerId) : undefined
      setCounter(mine === undefined ? null : { id: mine.id, number: mine.number })
    })
    return () => {
      live = false
    }
  }, [officerId])

  if (counter === undefined) return null
  if (counter === null) return <p className="message">{t('queue.staff.notAssigned')}</p>
  return (
    <Link to={`/counter/${counter.id}`} className="button button--primary">
      {t('queue.staff.open', { number: counter.number })}
    </Link>
  )
}

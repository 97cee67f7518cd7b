import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import type { CounterQueue, TransferTarget } from '../../../../shared/schemas/queue'
import type { Result } from '../../../../shared/result'
import { localized } from '../../i18n'
import { useUiStore } from '../../stores/ui-store'
import { commandForKey, keyLabel, type CounterCommand } from './counter-keys'
import '../../components/queue/board.css'
import '../../components/queue/counter.css'

type Action = Exclude<CounterCommand, 'transfer'>

/**
 * Staff controls of one counter (`#/counter/<id>`): call next, call again, start, skip, transfer, complete — by
 * touch or from a USB keypad. Refreshed by core's pushes. Protected by the staff PIN once the staff issue lands.
 */
export function CounterControlScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const counterId = Number(useParams().counterId)
  const [state, setState] = useState<CounterQueue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [transferring, setTransferring] = useState(false)
  const [external, setExternal] = useState(false)

  const apply = useCallback(
    async (call: Promise<Result<CounterQueue>>) => {
      const result = await call
      if (result.ok) {
        setState(result.value)
        setError(null)
      } else {
        const known = result.error.code === 'CONFLICT' || result.error.code === 'NOT_FOUND'
        setError(t(known ? `queue.staff.errors.${result.error.code}` : 'queue.staff.errors.other'))
      }
    },
    [t],
  )

  useEffect(() => {
    void apply(window.api.queue.counter({ counterId }))
    void window.api.queue.options({}).then((r) => r.ok && setExternal(r.value.source === 'external'))
    // Someone took a number or another counter called: the waiting count here changes.
    return window.api.on('queue:changed', () => {
      void window.api.queue.counter({ counterId }).then((r) => r.ok && setState(r.value))
    })
  }, [apply, counterId])

  const act = useCallback(
    (action: Action) => void apply(window.api.queue[action]({ counterId })),
    [apply, counterId],
  )
  const transfer = useCallback(
    (to: TransferTarget) => {
      setTransferring(false)
      void apply(window.api.queue.transfer({ counterId, to }))
    },
    [apply, counterId],
  )

  const targets: { key: string; label: string; to: TransferTarget }[] = [
    ...overview.fields
      .filter((f) => f.active)
      .map((f) => ({
        key: `f${f.id}`,
        label: t('queue.staff.toField', { prefix: f.prefix, name: localized(f.name, language) }),
        to: { kind: 'field', fieldId: f.id } as const,
      })),
    ...overview.counters
      .filter((c) => c.active && c.id !== counterId)
      .map((c) => ({ key: `c${c.id}`, label: t('queue.counter', { number: c.number }), to: { kind: 'counter', counterId: c.id } as const })),
  ].slice(0, 9)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (transferring) {
        const target = /^[1-9]$/.test(event.key) ? targets[Number(event.key) - 1] : undefined
        if (event.key === 'Escape') setTransferring(false)
        else if (target !== undefined) transfer(target.to)
        else return
        event.preventDefault()
        return
      }
      const command = commandForKey(event.key)
      if (command === null || external) return
      event.preventDefault()
      if (command === 'transfer') setTransferring(Boolean(state?.current))
      else act(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [act, transfer, transferring, targets, state, external])

  const current = state?.current ?? null
  const button = (command: CounterCommand, enabled: boolean, primary = false) => (
    <button
      type="button"
      className={`button ${primary ? 'button--primary' : 'button--queue-choice'} counter-control__button`}
      disabled={!enabled || external}
      onClick={() => (command === 'transfer' ? setTransferring(true) : act(command))}
    >
      <span>{t(`queue.staff.${command}`)}</span>
      <kbd className="counter-control__key">{keyLabel[command]}</kbd>
    </button>
  )
  return (
    <div className="screen counter-control">
      <header className="counter-control__header">
        <h1>{state ? t('queue.counter', { number: state.counterNumber }) : ''}</h1>
        <p>{state?.officerName ?? ''}</p>
        <Link to="/" className="corner-link counter-control__home">
          {t('app.back')}
        </Link>
      </header>
      <main className="counter-control__main">
        <section className="counter-control__current" aria-live="polite">
          <p className="counter-control__label">{t('queue.staff.current')}</p>
          <p className="counter-control__code" data-testid="counter-current">
            {current?.code ?? '—'}
          </p>
          <p className="counter-control__status">
            {current === null
              ? t('queue.staff.none')
              : t(current.status === 'called' ? 'queue.staff.statusCalled' : 'queue.staff.statusServing')}
          </p>
          <p className="counter-control__waiting" data-testid="counter-waiting">
            {t('queue.staff.waitingHere', { count: state?.waiting ?? 0 })}
          </p>
          {error && (
            <p className="counter-control__error" role="alert">
              {error}
            </p>
          )}
          {external && <p className="message">{t('queue.staff.external')}</p>}
        </section>
        <section className="counter-control__buttons">
          {button('callNext', current === null, true)}
          {button('recall', current?.status === 'called')}
          {button('serve', current?.status === 'called')}
          {button('skip', current?.status === 'called')}
          {button('transfer', current !== null)}
          {button('complete', current !== null, true)}
        </section>
      </main>
      {transferring && current && (
        <div className="transfer" role="dialog" aria-modal="true" aria-labelledby="transfer-title">
          <h2 id="transfer-title">{t('queue.staff.transferTitle', { code: current.code })}</h2>
          <ol className="transfer__list">
            {targets.map((target, i) => (
              <li key={target.key}>
                <button type="button" className="button button--queue-choice transfer__target" onClick={() => transfer(target.to)}>
                  <kbd className="counter-control__key">{i + 1}</kbd> {target.label}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="button button--secondary" onClick={() => setTransferring(false)}>
            {t('queue.cancel')}
          </button>
        </div>
      )}
    </div>
  )
}

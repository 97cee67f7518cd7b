import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import type { CounterQueue, TransferTarget } from '../../../../shared/schemas/queue'
import type { Result } from '../../../../shared/result'
import { localized } from '../../i18n'
import { useAuthStore } from '../../stores/auth-store'
import { useUiStore } from '../../stores/ui-store'
import { counterErrorKey } from './counter-errors'
import { commandForKey, keyLabel, type CounterCommand } from './counter-keys'
import '../../components/queue/board.css'
import '../../components/queue/counter.css'

type Action = Exclude<CounterCommand, 'transfer'>

/**
 * Staff controls of one counter (`#/counter/<id>`): call next, call again, start, skip, transfer, complete — by
 * touch or from a USB keypad. Refreshed by core's pushes. Shown only to a logged-in officer or IT (`CounterGate`);
 * core checks the session and the counter on every call, and a refusal because the session ended (idle, 15-minute
 * cap, another login) drops this page's session, which brings the PIN login back.
 */
export function CounterControlScreen({ overview }: { overview: CentreOverview }) {
  const { t } = useTranslation()
  const language = useUiStore((s) => s.language)
  const counterId = Number(useParams().counterId)
  const [state, setState] = useState<CounterQueue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [transferring, setTransferring] = useState(false)
  const [external, setExternal] = useState(false)
  // The number just completed, for a short note. The session stays open: core keeps sessions per window, so the
  // citizen rates on their own screen while the officer stays logged in here (the idle and 15-minute limits apply).
  const [completedCode, setCompletedCode] = useState<string | null>(null)

  // The latest state, read by `apply` without making every callback depend on it.
  const stateRef = useRef<CounterQueue | null>(null)
  useEffect(() => {
    stateRef.current = state
  }, [state])

  // Keypad presses come faster than answers: each action is sent only once the previous one has answered, so
  // "skip, then call next" reaches core in that order and is never a refused call followed by a skip.
  const pending = useRef<Promise<void>>(Promise.resolve())
  const apply = useCallback(
    (action: CounterCommand | 'load', send: () => Promise<Result<CounterQueue>>, to: TransferTarget | null = null) => {
      const run = async () => {
        const before = stateRef.current?.current?.code ?? null
        const result = await send()
        if (result.ok) {
          setState(result.value)
          setError(null)
          if (action !== 'load') setCompletedCode(action === 'complete' ? before : null)
        } else if (result.error.code === 'FORBIDDEN' && !(await useAuthStore.getState().sync())) {
          return // the session is over: the gate shows the login again
        } else {
          setError(t(`queue.staff.errors.${counterErrorKey(action, result.error.code, stateRef.current, to)}`))
        }
      }
      pending.current = pending.current.then(run, run)
    },
    [t],
  )

  useEffect(() => {
    apply('load', () => window.api.queue.counter({ counterId }))
    void window.api.queue.options({}).then((r) => r.ok && setExternal(r.value.source === 'external'))
    // Someone took a number or another counter called: the waiting count here changes.
    return window.api.on('queue:changed', () => {
      void window.api.queue.counter({ counterId }).then((r) => {
        if (r.ok) setState(r.value)
        else if (r.error.code === 'FORBIDDEN') void useAuthStore.getState().sync()
      })
    })
  }, [apply, counterId])

  const act = useCallback(
    (action: Action) => apply(action, () => window.api.queue[action]({ counterId })),
    [apply, counterId],
  )
  const transfer = useCallback(
    (to: TransferTarget) => {
      setTransferring(false)
      apply('transfer', () => window.api.queue.transfer({ counterId, to }), to)
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
          {completedCode !== null && (
            <p className="message" role="status" data-testid="counter-completed">
              {t('queue.staff.completedNotice', { code: completedCode })}
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

// One webhook endpoint: edit, test, rotate the secret, enable/disable (re-enabling offers to
// replay what it missed), delete, and its delivery log (filters, Renvoyer, replay since a date).
import { Form, Link, redirect, useFetcher, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
import type { Route } from './+types/admin.webhooks.$id'
import { t } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { formatDateTime, fromDateTimeInput, toDateTimeInput } from '../lib/format'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { Field } from '../components/field'
import { EmptyState } from '../components/page'
import { btn, card, cx, h2, inputSm, link, muted, neutralBadge } from './admin.ui'
import { EventPicker, SecretOnce, statusLabel, WEBHOOK_EVENTS, type WebhookEndpoint } from './admin.webhooks.ui'

type Delivery = {
  id: string
  eventId: string
  eventType: string
  attempt: number
  status: 'succeeded' | 'failed'
  responseStatus: number | null
  responseExcerpt: string | null
  durationMs: number | null
  nextRetryAt: string | null
  createdAt: string
}
type TestOutcome = { status: string; responseStatus: number | null; responseExcerpt: string | null; durationMs: number }

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const q = pageQuery(request, ['status', 'eventType'])
  const base = `/api/v1/webhooks/${encodeURIComponent(params.id)}`
  const [endpoint, log] = await Promise.all([
    apiJson<WebhookEndpoint>(context, base),
    apiJson<{ data: Delivery[]; nextCursor: string | null }>(context, `${base}/deliveries?${q}`),
  ])
  return { endpoint, log }
}

export async function action({ params, request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const base = `/api/v1/webhooks/${encodeURIComponent(params.id)}`
  switch (form.get('intent')) {
    case 'update':
      return submit(
        context,
        base,
        'PATCH',
        {
          url: String(form.get('url') ?? ''),
          description: String(form.get('description') ?? ''),
          events: form.getAll('events').map(String),
        },
        t('admin.webhooks.saved'),
      )
    case 'toggle':
      return submit<WebhookEndpoint>(context, base, 'PATCH', { isActive: form.get('isActive') === 'true' })
    case 'rotate':
      return submit<{ secret: string }>(context, `${base}/rotate`, 'POST', {}, t('admin.webhooks.rotated'))
    case 'test':
      return submit<TestOutcome>(context, `${base}/test`, 'POST', {})
    case 'redeliver':
      return submit(
        context,
        `/api/v1/webhooks/deliveries/${encodeURIComponent(String(form.get('id')))}/redeliver`,
        'POST',
        {},
        t('admin.webhooks.redelivered'),
      )
    case 'replay': {
      const since = String(form.get('since') ?? '')
      const r = await submit<{ queued: number }>(context, `${base}/replay`, 'POST', {
        since: fromDateTimeInput(since),
      })
      return r.ok ? { ...r, message: t('admin.webhooks.replayed', { count: r.data?.queued ?? 0 }) } : r
    }
    case 'delete': {
      const r = await submit(context, base, 'DELETE', undefined)
      return r.ok ? redirect('/admin/webhooks') : r
    }
  }
  return { error: t('common.failed') }
}

function useIntent<T>() {
  const fetcher = useFetcher<Answer<T>>()
  useAnswerToast(fetcher.data, fetcher.state)
  const data = fetcher.data && 'data' in fetcher.data ? fetcher.data.data : undefined
  return { fetcher, data, busy: fetcher.state !== 'idle' }
}

function Actions({ endpoint }: { endpoint: WebhookEndpoint }) {
  const test = useIntent<TestOutcome>()
  const rotate = useIntent<{ secret: string }>()
  const toggle = useIntent<WebhookEndpoint>()
  const replay = useIntent<{ queued: number }>()
  const remove = useIntent()
  const missedSince = toggle.data?.isActive ? toggle.data.missedSince : null
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={btn.primary}
          disabled={test.busy}
          onClick={() => test.fetcher.submit({ intent: 'test' }, { method: 'post' })}
        >
          {t('admin.webhooks.test')}
        </button>
        <button
          type="button"
          className={btn.secondary}
          disabled={rotate.busy}
          onClick={() =>
            confirm(t('admin.webhooks.rotateConfirm')) &&
            rotate.fetcher.submit({ intent: 'rotate' }, { method: 'post' })
          }
        >
          {t('admin.webhooks.rotate')}
        </button>
        <button
          type="button"
          className={btn.secondary}
          disabled={toggle.busy}
          onClick={() =>
            toggle.fetcher.submit({ intent: 'toggle', isActive: String(!endpoint.isActive) }, { method: 'post' })
          }
        >
          {endpoint.isActive ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
        </button>
        <button
          type="button"
          className={btn.danger}
          disabled={remove.busy}
          onClick={() =>
            confirm(t('admin.webhooks.deleteConfirm')) &&
            remove.fetcher.submit({ intent: 'delete' }, { method: 'post' })
          }
        >
          {t('admin.webhooks.delete')}
        </button>
      </div>
      {test.data ? (
        <p role="status" className={cx(card, 'p-3 text-sm')} data-testid="webhook-test-outcome">
          {t(test.data.status === 'succeeded' ? 'admin.webhooks.testOk' : 'admin.webhooks.testFailed', {
            status: test.data.responseStatus ?? '—',
            ms: test.data.durationMs,
          })}{' '}
          <span className={muted}>{test.data.responseExcerpt}</span>
        </p>
      ) : null}
      {rotate.data ? <SecretOnce title={t('admin.webhooks.rotatedTitle')} secret={rotate.data.secret} /> : null}
      {missedSince ? (
        <div role="status" className={cx(card, 'flex flex-wrap items-center gap-3 p-3 text-sm')}>
          {t('admin.webhooks.missed', { at: formatDateTime(missedSince) })}
          <button
            type="button"
            className={btn.primary}
            disabled={replay.busy}
            onClick={() => replay.fetcher.submit({ intent: 'replay', since: missedSince }, { method: 'post' })}
          >
            {t('admin.webhooks.replayMissed')}
          </button>
        </div>
      ) : null}
    </div>
  )
}

function Settings({ endpoint }: { endpoint: WebhookEndpoint }) {
  const save = useIntent()
  const errors = save.fetcher.data && 'errors' in save.fetcher.data ? (save.fetcher.data.errors ?? {}) : {}
  return (
    <details className={cx(card, 'p-4')}>
      <summary className="cursor-pointer font-medium">{t('admin.webhooks.edit')}</summary>
      <save.fetcher.Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="update" />
        <Field
          label={t('admin.webhooks.url')}
          name="url"
          type="url"
          required
          defaultValue={endpoint.url}
          error={errors.url}
        />
        <Field label={t('admin.webhooks.description')} name="description" defaultValue={endpoint.description ?? ''} />
        <EventPicker className="sm:col-span-2" selected={endpoint.events} error={errors.events} />
        <div className="sm:col-span-2">
          <button type="submit" className={btn.primary} disabled={save.busy}>
            {t('common.save')}
          </button>
        </div>
      </save.fetcher.Form>
    </details>
  )
}

function DeliveryRow({ d }: { d: Delivery }) {
  const again = useIntent()
  return (
    <tr className="align-top" data-testid="delivery-row">
      <td className="whitespace-nowrap px-2 py-2">{formatDateTime(d.createdAt)}</td>
      <td className="px-2 py-2 font-mono text-xs">{d.eventType}</td>
      <td className="px-2 py-2 text-center">{d.attempt}</td>
      <td className="px-2 py-2">
        <span className={neutralBadge}>{t(d.status === 'succeeded' ? 'admin.webhooks.ok' : 'admin.webhooks.ko')}</span>
      </td>
      <td className="px-2 py-2 text-center">{d.responseStatus ?? '—'}</td>
      <td className="whitespace-nowrap px-2 py-2 text-right">{d.durationMs ?? '—'} ms</td>
      <td className="whitespace-nowrap px-2 py-2">{d.nextRetryAt ? formatDateTime(d.nextRetryAt) : '—'}</td>
      <td className={cx(muted, 'max-w-64 truncate px-2 py-2 text-xs')} title={d.responseExcerpt ?? ''}>
        {d.responseExcerpt}
      </td>
      <td className="px-2 py-2">
        <button
          type="button"
          className={btn.secondary}
          disabled={again.busy}
          onClick={() => again.fetcher.submit({ intent: 'redeliver', id: d.id }, { method: 'post' })}
        >
          {t('admin.webhooks.redeliver')}
        </button>
      </td>
    </tr>
  )
}

function Log({ log }: { log: { data: Delivery[]; nextCursor: string | null } }) {
  const [params] = useSearchParams()
  const replay = useIntent<{ queued: number }>()
  const next = new URLSearchParams(params)
  if (log.nextCursor) next.set('cursor', log.nextCursor)
  return (
    <section className="space-y-3" aria-label={t('admin.webhooks.log')}>
      <h2 className={h2}>{t('admin.webhooks.log')}</h2>
      <div className="flex flex-wrap items-end gap-4">
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <select
            name="status"
            defaultValue={params.get('status') ?? ''}
            className={inputSm}
            aria-label={t('admin.webhooks.filterStatus')}
          >
            <option value="">{t('admin.webhooks.allStatuses')}</option>
            <option value="succeeded">{t('admin.webhooks.ok')}</option>
            <option value="failed">{t('admin.webhooks.ko')}</option>
          </select>
          <select
            name="eventType"
            defaultValue={params.get('eventType') ?? ''}
            className={inputSm}
            aria-label={t('admin.webhooks.filterEvent')}
          >
            <option value="">{t('admin.webhooks.allEvents')}</option>
            {WEBHOOK_EVENTS.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
          <button type="submit" className={btn.secondary}>
            {t('admin.webhooks.filter')}
          </button>
        </Form>
        <replay.fetcher.Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="replay" />
          <label className="text-sm">
            {t('admin.webhooks.replaySince')}{' '}
            <input
              type="datetime-local"
              name="since"
              required
              className={inputSm}
              defaultValue={toDateTimeInput(new Date(Date.now() - 86400_000))}
            />
          </label>
          <button type="submit" className={btn.secondary} disabled={replay.busy}>
            {t('admin.webhooks.replay')}
          </button>
        </replay.fetcher.Form>
      </div>
      {log.data.length === 0 ? (
        <EmptyState title={t('admin.webhooks.logEmpty')} />
      ) : (
        <div className={cx(card, 'overflow-x-auto')}>
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase text-slate-600 dark:text-slate-400">
              <tr>
                {['when', 'event', 'attempt', 'status', 'code', 'duration', 'next', 'answer', 'actions'].map((c) => (
                  <th key={c} className="px-2 py-2">
                    {t(`admin.webhooks.col.${c}` as Parameters<typeof t>[0])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {log.data.map((d) => (
                <DeliveryRow key={d.id} d={d} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.nextCursor ? (
        <Link to={`?${next}`} className={link}>
          {t('admin.webhooks.older')}
        </Link>
      ) : null}
    </section>
  )
}

export default function AdminWebhook({ loaderData }: Route.ComponentProps) {
  const { endpoint, log } = loaderData
  return (
    <section className="space-y-4" aria-label={endpoint.url}>
      <Link to="/admin/webhooks" className={link}>
        ← {t('admin.tab.webhooks')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className={cx(h2, 'break-all')}>{endpoint.url}</h2>
        <span className={neutralBadge} data-testid="webhook-status">
          {statusLabel(endpoint)}
        </span>
      </div>
      {endpoint.description ? <p className={muted}>{endpoint.description}</p> : null}
      {endpoint.rotationEndsAt ? (
        <p className={cx(muted, 'text-sm')}>
          {t('admin.webhooks.rotationEnds', { at: formatDateTime(endpoint.rotationEndsAt) })}
        </p>
      ) : null}
      <Actions endpoint={endpoint} />
      <Settings endpoint={endpoint} />
      <Log log={log} />
    </section>
  )
}

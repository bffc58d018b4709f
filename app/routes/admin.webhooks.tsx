// Paramètres → Webhooks: endpoints partners receive events on. The signing secret is shown once,
// right after creation; each endpoint's page holds its test, rotation and delivery log.
import { Link, useFetcher } from 'react-router'
import type { Route } from './+types/admin.webhooks'
import { t } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { formatDateTime } from '../lib/format'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { Field } from '../components/field'
import { EmptyState } from '../components/page'
import { btn, card, cx, link, muted, neutralBadge } from './admin.ui'
import { EventPicker, SecretOnce, statusLabel, type WebhookEndpoint } from './admin.webhooks.ui'

export const loader = ({ context }: Route.LoaderArgs) =>
  apiJson<{ data: WebhookEndpoint[] }>(context, '/api/v1/webhooks')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  return submit<WebhookEndpoint & { secret: string }>(context, '/api/v1/webhooks', 'POST', {
    url: String(form.get('url') ?? ''),
    description: String(form.get('description') ?? '') || undefined,
    events: form.getAll('events').map(String),
  })
}

export default function AdminWebhooks({ loaderData }: Route.ComponentProps) {
  const fetcher = useFetcher<Answer<WebhookEndpoint & { secret: string }>>()
  useAnswerToast(fetcher.data, fetcher.state)
  const created = fetcher.data && 'data' in fetcher.data ? fetcher.data.data : undefined
  const errors = fetcher.data && 'errors' in fetcher.data ? (fetcher.data.errors ?? {}) : {}
  return (
    <section className="space-y-4" aria-label={t('admin.tab.webhooks')}>
      <p className={cx(muted, 'text-sm')}>
        {t('admin.webhooks.intro')}{' '}
        <Link to="/aide/webhooks" className={link}>
          {t('admin.webhooks.guide')}
        </Link>
      </p>
      <fetcher.Form method="post" className={cx(card, 'grid gap-3 p-4 sm:grid-cols-2')} noValidate>
        <Field
          label={t('admin.webhooks.url')}
          name="url"
          type="url"
          required
          placeholder="https://partenaire.example.com/webhooks/crm"
          error={errors.url}
        />
        <Field label={t('admin.webhooks.description')} name="description" maxLength={500} error={errors.description} />
        <EventPicker className="sm:col-span-2" error={errors.events} />
        <div className="sm:col-span-2">
          <button type="submit" className={btn.primary} disabled={fetcher.state !== 'idle'}>
            + {t('admin.webhooks.new')}
          </button>
        </div>
      </fetcher.Form>
      {created ? (
        <SecretOnce title={t('admin.webhooks.onceTitle', { url: created.url })} secret={created.secret} />
      ) : null}
      {loaderData.data.length === 0 ? (
        <EmptyState title={t('admin.webhooks.empty')} />
      ) : (
        <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')}>
          {loaderData.data.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="webhook-row">
              <Link to={`/admin/webhooks/${w.id}`} className={cx(link, 'min-w-0 flex-1 break-all font-medium')}>
                {w.url}
              </Link>
              <span className={neutralBadge}>{statusLabel(w)}</span>
              <span className={cx(muted, 'text-sm')}>
                {w.events.includes('*') ? t('admin.webhooks.allEvents') : w.events.join(', ')}
              </span>
              <span className={cx(muted, 'text-sm')}>
                {t('admin.webhooks.lastSuccess', { at: formatDateTime(w.lastSuccessAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

// API tokens for integrations: name, role ceiling, expiry. The secret is shown once, right
// after creation; afterwards only its name, state and last use are visible.
import { useFetcher } from 'react-router'
import type { Route } from './+types/admin.tokens'
import { labels, t, type MessageKey } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { formatDate, formatDateTime } from '../lib/format'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { Field, SelectField } from '../components/field'
import { EmptyState } from '../components/page'
import { btn, card, cx, h2, muted, neutralBadge } from './admin.ui'

type Token = {
  id: string
  name: string
  userName: string | null
  roleCeiling: keyof typeof labels.role
  expiresAt: string
  lastUsedAt: string | null
  status: 'active' | 'expired' | 'revoked'
  createdByName: string | null
}
const DURATIONS = [30, 90, 180, 365]

export const loader = ({ context }: Route.LoaderArgs) => apiJson<{ data: Token[] }>(context, '/api/v1/api-tokens')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  if (form.get('intent') === 'revoke') {
    return submit(
      context,
      `/api/v1/api-tokens/${encodeURIComponent(String(form.get('id')))}`,
      'DELETE',
      undefined,
      t('admin.tokens.revoked', { name: String(form.get('name')) }),
    )
  }
  const days = Number(form.get('days') ?? 90)
  return submit<{ token: string; name: string }>(context, '/api/v1/api-tokens', 'POST', {
    name: String(form.get('name') ?? ''),
    roleCeiling: String(form.get('roleCeiling')),
    expiresAt: new Date(Date.now() + days * 86400_000).toISOString(),
  })
}

function TokenRow({ token }: { token: Token }) {
  const fetcher = useFetcher<Answer>()
  useAnswerToast(fetcher.data, fetcher.state)
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="token-row">
      <span className="min-w-0 flex-1 font-medium">{token.name}</span>
      <span className={neutralBadge}>{t(`admin.tokens.status.${token.status}` as MessageKey)}</span>
      <span className={cx(muted, 'text-sm')}>
        {t('admin.tokens.ceiling', { role: labels.role[token.roleCeiling] })} · {token.userName}
      </span>
      <span className={cx(muted, 'text-sm')}>{t('admin.tokens.expires', { at: formatDate(token.expiresAt) })}</span>
      <span className={cx(muted, 'text-sm')}>
        {t('admin.tokens.lastUsed', { at: formatDateTime(token.lastUsedAt) })}
      </span>
      {token.status === 'active' ? (
        <button
          type="button"
          className={btn.danger}
          disabled={fetcher.state !== 'idle'}
          onClick={() => fetcher.submit({ intent: 'revoke', id: token.id, name: token.name }, { method: 'post' })}
        >
          {t('admin.tokens.revoke')}
        </button>
      ) : null}
    </li>
  )
}

export default function AdminTokens({ loaderData }: Route.ComponentProps) {
  const fetcher = useFetcher<Answer<{ token: string; name: string }>>()
  useAnswerToast(fetcher.data, fetcher.state)
  const created = fetcher.data && 'data' in fetcher.data ? fetcher.data.data : undefined
  const errors = fetcher.data && 'errors' in fetcher.data ? (fetcher.data.errors ?? {}) : {}
  return (
    <section className="space-y-4" aria-label={t('admin.tab.tokens')}>
      <fetcher.Form method="post" className={cx(card, 'grid gap-3 p-4 sm:grid-cols-4 sm:items-end')} noValidate>
        <Field
          label={t('admin.tokens.name')}
          name="name"
          required
          maxLength={120}
          error={errors.name}
          className="sm:col-span-2"
        />
        <SelectField
          label={t('admin.tokens.roleCeiling')}
          name="roleCeiling"
          defaultValue="viewer"
          options={Object.entries(labels.role).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label={t('admin.tokens.duration')}
          name="days"
          defaultValue="90"
          options={DURATIONS.map((d) => ({ value: String(d), label: t('admin.tokens.days', { count: d }) }))}
        />
        <div className="sm:col-span-4">
          <button type="submit" className={btn.primary} disabled={fetcher.state !== 'idle'}>
            + {t('admin.tokens.new')}
          </button>
        </div>
      </fetcher.Form>
      {created ? (
        <div
          role="status"
          className={
            'space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950'
          }
          data-testid="token-once"
        >
          <h2 className={h2}>{t('admin.tokens.onceTitle', { name: created.name })}</h2>
          <p className="text-sm">{t('admin.tokens.onceBody')}</p>
          <code
            className="block select-all break-all rounded bg-white p-2 text-sm dark:bg-slate-900"
            data-testid="token-secret"
          >
            {created.token}
          </code>
        </div>
      ) : null}
      {loaderData.data.length === 0 ? (
        <EmptyState title={t('admin.tokens.empty')} />
      ) : (
        <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')}>
          {loaderData.data.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </ul>
      )}
    </section>
  )
}

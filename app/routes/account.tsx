// My account: who I am, my active sessions (device, last seen) with a way to close each one,
// "sign out everywhere", and the link to change my password.
import { Form, Link, redirect, useFetcher, useNavigation } from 'react-router'
import type { Route } from './+types/account'
import { labels, t } from '../i18n/fr'
import { apiJson, apiSubmit } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { formatDateTime, formatRelative } from '../lib/format'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useFlash } from '../lib/use-flash'
import { useMe } from '../lib/use-me'
import { PageHeader } from '../components/page'
import { btn, card, cx, h2, muted, neutralBadge } from '../components/ui'

type Session = {
  id: string
  device: string
  ip: string | null
  createdAt: string
  lastSeenAt: string
  current: boolean
}

export const meta: Route.MetaFunction = () => [{ title: `${t('account.title')} · ${t('app.name')}` }]

export const loader = ({ context }: Route.LoaderArgs) => apiJson<{ data: Session[] }>(context, '/api/v1/auth/sessions')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  if (form.get('intent') === 'everywhere') {
    const r = await apiSubmit(context, '/api/v1/auth/logout-all', 'POST', {})
    const headers = new Headers()
    if (r.ok) for (const c of r.headers.getSetCookie()) headers.append('set-cookie', c)
    return redirect('/login', { headers })
  }
  return submit(
    context,
    `/api/v1/auth/sessions/${encodeURIComponent(String(form.get('id')))}`,
    'DELETE',
    undefined,
    t('account.sessions.revoked'),
  )
}

function SessionRow({ s }: { s: Session }) {
  const fetcher = useFetcher()
  useAnswerToast(fetcher.data, fetcher.state)
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="session-row">
      <span className="min-w-0 flex-1 font-medium">
        {s.device} {s.current ? <span className={neutralBadge}>{t('account.sessions.current')}</span> : null}
      </span>
      <span className={cx(muted, 'text-sm')} title={formatDateTime(s.lastSeenAt)}>
        {t('account.sessions.lastSeen', { when: formatRelative(s.lastSeenAt) })}
      </span>
      <span className={cx(muted, 'text-sm')}>{s.ip ?? ''}</span>
      {s.current ? null : (
        <button
          type="button"
          className={btn.secondary}
          disabled={fetcher.state !== 'idle'}
          onClick={() => fetcher.submit({ id: s.id }, { method: 'post' })}
        >
          {t('account.sessions.revoke')}
        </button>
      )}
    </li>
  )
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const me = useMe()
  useFlash()
  const busy = useNavigation().state !== 'idle'
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t('account.title')} subtitle={`${me.name} · ${me.email}`} />
      <dl className={cx(card, 'grid gap-3 p-4 sm:grid-cols-2')}>
        <div>
          <dt className={cx(muted, 'text-xs uppercase')}>{t('account.role')}</dt>
          <dd>{labels.role[me.role]}</dd>
        </div>
        <div>
          <dt className={cx(muted, 'text-xs uppercase')}>{t('account.team')}</dt>
          <dd>{me.teamName ?? t('common.none')}</dd>
        </div>
      </dl>
      <section className="space-y-3" aria-labelledby="security">
        <h2 id="security" className={h2}>
          {t('account.security')}
        </h2>
        <Link to="/account/password" className={btn.secondary}>
          {t('password.change.title')}
        </Link>
        <Link to="/account/notifications" className={btn.secondary} data-testid="notification-preferences-link">
          {t('notifications.preferences')}
        </Link>
      </section>
      <section className="space-y-3" aria-labelledby="sessions">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="sessions" className={cx(h2, 'flex-1')}>
            {t('account.sessions')}
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="everywhere" />
            <button type="submit" className={btn.danger} disabled={busy} data-testid="sign-out-everywhere">
              {t('account.signOutEverywhere')}
            </button>
          </Form>
        </div>
        <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="session-list">
          {loaderData.data.map((s) => (
            <SessionRow key={s.id} s={s} />
          ))}
        </ul>
      </section>
    </div>
  )
}

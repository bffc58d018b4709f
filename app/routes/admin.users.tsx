// Users: create (with a password changed at first sign-in, or invited by mail), change role or
// team, deactivate, unlock after failed sign-ins, force a password reset.
import { useState } from 'react'
import { useFetcher } from 'react-router'
import type { Route } from './+types/admin.users'
import { labels, t } from '../i18n/fr'
import { PASSWORD_MIN_LENGTH } from '../../worker/auth/password-policy'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { formatDateTime } from '../lib/format'
import type { AdminUserDto } from '../lib/types'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useMe } from '../lib/use-me'
import { Field, SelectField } from '../components/field'
import { DataTable } from '../components/data-table'
import { Dialog } from '../components/dialog'
import { btn, cx, inputSm, muted, neutralBadge } from './admin.ui'

type User = AdminUserDto
type Team = { id: string; name: string }
const ROLE_OPTIONS = Object.entries(labels.role).map(([value, label]) => ({ value, label }))

export async function loader({ context }: Route.LoaderArgs) {
  const [users, teams] = await Promise.all([
    apiJson<{ data: User[] }>(context, '/api/v1/users'),
    apiJson<{ data: Team[] }>(context, '/api/v1/teams'),
  ])
  return { users: users.data, teams: teams.data }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const id = encodeURIComponent(String(form.get('id') ?? ''))
  const name = String(form.get('name') ?? '')
  switch (form.get('intent')) {
    case 'create': {
      const invite = form.get('mode') !== 'password'
      return submit(
        context,
        '/api/v1/users',
        'POST',
        {
          email: String(form.get('email') ?? ''),
          name,
          role: String(form.get('role')),
          teamId: String(form.get('teamId') || '') || null,
          ...(invite ? {} : { password: String(form.get('password') ?? '') }),
        },
        t(invite ? 'admin.users.invited' : 'admin.users.created', { name }),
      )
    }
    case 'update':
      return submit(
        context,
        `/api/v1/users/${id}`,
        'PATCH',
        { role: String(form.get('role')), teamId: String(form.get('teamId') || '') || null },
        t('admin.users.saved', { name }),
      )
    case 'activate':
      return submit(
        context,
        `/api/v1/users/${id}`,
        'PATCH',
        { isActive: form.get('active') === 'true' },
        t(form.get('active') === 'true' ? 'admin.users.reactivated' : 'admin.users.deactivated', { name }),
      )
    case 'unlock':
      return submit(context, `/api/v1/users/${id}/unlock`, 'POST', {}, t('admin.users.unlocked', { name }))
    case 'reset':
      return submit(context, `/api/v1/users/${id}/reset-password`, 'POST', {}, t('admin.users.resetSent', { name }))
  }
  return { error: t('common.failed') }
}

function CreateUser({ teams }: { teams: Team[] }) {
  const [open, setOpen] = useState(false)
  const [mode, setMode] = useState<'invite' | 'password'>('invite')
  const fetcher = useFetcher<Answer>()
  useAnswerToast(fetcher.data, fetcher.state, (a) => {
    if (a.ok) setOpen(false)
  })
  const errors = fetcher.data && 'errors' in fetcher.data ? (fetcher.data.errors ?? {}) : {}
  return (
    <>
      <button type="button" className={btn.primary} onClick={() => setOpen(true)} data-testid="new-user">
        + {t('admin.users.new')}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('admin.users.new')}>
        <fetcher.Form method="post" className="space-y-3" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field label={t('admin.users.name')} name="name" required error={errors.name} />
          <Field label={t('auth.email')} name="email" type="email" required error={errors.email} />
          <SelectField label={t('admin.users.role')} name="role" options={ROLE_OPTIONS} defaultValue="sales" />
          <SelectField
            label={t('admin.users.team')}
            name="teamId"
            empty={t('common.none')}
            options={teams.map((x) => ({ value: x.id, label: x.name }))}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('admin.users.access')}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="mode"
                value="invite"
                checked={mode === 'invite'}
                onChange={() => setMode('invite')}
              />{' '}
              {t('admin.users.mode.invite')}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="mode"
                value="password"
                checked={mode === 'password'}
                onChange={() => setMode('password')}
              />{' '}
              {t('admin.users.mode.password')}
            </label>
          </fieldset>
          {mode === 'password' ? (
            <Field
              label={t('password.new')}
              name="password"
              type="password"
              autoComplete="new-password"
              hint={t('password.rules', { min: PASSWORD_MIN_LENGTH })}
              error={errors.password}
              required
            />
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className={btn.secondary} onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className={btn.primary} disabled={fetcher.state !== 'idle'}>
              {t('common.create')}
            </button>
          </div>
        </fetcher.Form>
      </Dialog>
    </>
  )
}

function UserRow({ user, teams, self }: { user: User; teams: Team[]; self: boolean }) {
  const fetcher = useFetcher<Answer>()
  useAnswerToast(fetcher.data, fetcher.state)
  const busy = fetcher.state !== 'idle'
  const act = (intent: string, extra: Record<string, string> = {}) =>
    fetcher.submit({ intent, id: user.id, name: user.name, ...extra }, { method: 'post' })
  return (
    <tr className="align-top" data-testid="user-row" data-email={user.email}>
      <td className="px-3 py-2">
        <div className="font-medium">{user.name}</div>
        <div className={cx(muted, 'text-sm')}>{user.email}</div>
      </td>
      <td className="px-3 py-2">
        <fetcher.Form method="post" className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="name" value={user.name} />
          <select
            name="role"
            defaultValue={user.role}
            aria-label={t('admin.users.roleOf', { name: user.name })}
            className={inputSm}
            disabled={self}
          >
            {ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <select
            name="teamId"
            defaultValue={user.teamId ?? ''}
            aria-label={t('admin.users.teamOf', { name: user.name })}
            className={inputSm}
          >
            <option value="">{t('common.none')}</option>
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
          <button type="submit" className={btn.secondary} disabled={busy}>
            {t('common.save')}
          </button>
        </fetcher.Form>
      </td>
      <td className="px-3 py-2 text-sm">
        <div className="flex flex-wrap gap-1">
          {user.isActive ? null : <span className={neutralBadge}>{t('admin.users.inactive')}</span>}
          {user.lockedUntil ? (
            <span className={neutralBadge} data-testid="locked">
              {t('admin.users.lockedUntil', { at: formatDateTime(user.lockedUntil) })}
            </span>
          ) : null}
          {user.mustChangePassword ? <span className={neutralBadge}>{t('admin.users.mustChange')}</span> : null}
        </div>
        <div className={cx(muted, 'mt-1')}>{t('admin.users.lastLogin', { at: formatDateTime(user.lastLoginAt) })}</div>
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap justify-end gap-2">
          {user.lockedUntil ? (
            <button type="button" className={btn.secondary} disabled={busy} onClick={() => act('unlock')}>
              {t('admin.users.unlock')}
            </button>
          ) : null}
          {user.isActive && !self ? (
            <button type="button" className={btn.secondary} disabled={busy} onClick={() => act('reset')}>
              {t('admin.users.forceReset')}
            </button>
          ) : null}
          {self ? null : (
            <button
              type="button"
              className={user.isActive ? btn.danger : btn.secondary}
              disabled={busy}
              onClick={() => act('activate', { active: String(!user.isActive) })}
            >
              {user.isActive ? t('admin.users.deactivate') : t('admin.users.reactivate')}
            </button>
          )}
        </div>
      </td>
    </tr>
  )
}

export default function AdminUsers({ loaderData }: Route.ComponentProps) {
  const me = useMe()
  return (
    <section className="space-y-3" aria-label={t('admin.tab.users')}>
      <div className="flex justify-end">
        <CreateUser teams={loaderData.teams} />
      </div>
      <DataTable
        testId="user-table"
        columns={[
          t('admin.users.name'),
          t('admin.users.roleTeam'),
          t('admin.users.state'),
          [t('admin.users.actions'), 'text-right'],
        ]}
      >
        {loaderData.users.map((u) => (
          <UserRow key={u.id} user={u} teams={loaderData.teams} self={u.id === me.id} />
        ))}
      </DataTable>
    </section>
  )
}

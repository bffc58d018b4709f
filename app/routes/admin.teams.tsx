// Teams: the unit of scope for managers and viewers. A team with members cannot be deleted.
import { useFetcher } from 'react-router'
import type { Route } from './+types/admin.teams'
import { t } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useCan } from '../lib/use-me'
import { btn, card, cx, inputSm, muted } from './admin.ui'

type Team = { id: string; name: string; memberCount: number }

export const loader = ({ context }: Route.LoaderArgs) => apiJson<{ data: Team[] }>(context, '/api/v1/teams')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const name = String(form.get('name') ?? '')
  const id = encodeURIComponent(String(form.get('id') ?? ''))
  switch (form.get('intent')) {
    case 'create':
      return submit(context, '/api/v1/teams', 'POST', { name }, t('admin.teams.created', { name }))
    case 'rename':
      return submit(context, `/api/v1/teams/${id}`, 'PATCH', { name }, t('admin.teams.renamed', { name }))
    case 'delete':
      return submit(context, `/api/v1/teams/${id}`, 'DELETE', undefined, t('admin.teams.deleted', { name }))
  }
  return { error: t('common.failed') }
}

function TeamRow({ team }: { team: Team }) {
  const fetcher = useFetcher<Answer>()
  const can = useCan()
  useAnswerToast(fetcher.data, fetcher.state)
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="team-row">
      <fetcher.Form method="post" className="flex flex-1 flex-wrap items-center gap-2">
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="id" value={team.id} />
        <input
          name="name"
          defaultValue={team.name}
          aria-label={t('admin.teams.nameOf', { name: team.name })}
          className={cx(inputSm, 'min-w-48 flex-1')}
          required
          maxLength={120}
          readOnly={!can('teams:update')}
        />
        {can('teams:update') ? (
          <button type="submit" className={btn.secondary} disabled={fetcher.state !== 'idle'}>
            {t('admin.teams.rename')}
          </button>
        ) : null}
      </fetcher.Form>
      <span className={cx(muted, 'text-sm')}>{t('admin.teams.members', { count: team.memberCount })}</span>
      {can('teams:delete') ? (
        <button
          type="button"
          className={btn.secondary}
          disabled={team.memberCount > 0 || fetcher.state !== 'idle'}
          title={team.memberCount > 0 ? t('admin.teams.notEmpty') : undefined}
          onClick={() => fetcher.submit({ intent: 'delete', id: team.id, name: team.name }, { method: 'post' })}
        >
          {t('common.delete')}
        </button>
      ) : null}
    </li>
  )
}

export default function AdminTeams({ loaderData }: Route.ComponentProps) {
  const fetcher = useFetcher<Answer>()
  const can = useCan()
  useAnswerToast(fetcher.data, fetcher.state)
  return (
    <section className="space-y-3" aria-label={t('admin.tab.teams')}>
      {can('teams:create') ? (
        <fetcher.Form
          method="post"
          className="flex flex-wrap items-center gap-2"
          key={fetcher.data && 'ok' in fetcher.data ? 'done' : 'form'}
        >
          <input type="hidden" name="intent" value="create" />
          <input
            name="name"
            placeholder={t('admin.teams.newName')}
            aria-label={t('admin.teams.newName')}
            className={cx(inputSm, 'min-w-64')}
            required
            maxLength={120}
          />
          <button type="submit" className={btn.primary} disabled={fetcher.state !== 'idle'}>
            + {t('admin.teams.new')}
          </button>
        </fetcher.Form>
      ) : null}
      <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')}>
        {loaderData.data.map((team) => (
          <TeamRow key={team.id} team={team} />
        ))}
      </ul>
    </section>
  )
}

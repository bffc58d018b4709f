// An organisation: header (stage badge menu, edit, ⋮ duplicate / delete) and its tabs.
import { useState } from 'react'
import { Link, Outlet, redirect, useActionData, useNavigation, useSubmit } from 'react-router'
import type { Route } from './+types/organisations.$id'
import { apiJson, apiSubmit } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { taskIntent } from '../lib/task-intents.server'
import { labels, t } from '../i18n/fr'
import { flashUrl, useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { ConfirmDialog } from '../components/dialog'
import { INTERACTION_SHAPE, LogInteractionDialog } from '../components/log-interaction'
import { MoreMenu } from '../components/menu'
import { Breadcrumb, PageHeader, Tabs } from '../components/page'
import { StaleBadge, StageMenu } from '../components/stage-badge'
import { btn, neutralBadge } from '../components/ui'
import type { OrganisationDto } from '../../worker/organisations/organisation.service'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.name ?? ''} · ${t('app.name')}` }]

export async function loader({ params, context }: Route.LoaderArgs) {
  return apiJson<OrganisationDto>(context, `/api/v1/organisations/${encodeURIComponent(params.id)}`)
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData()
  const intent = form.get('intent')
  const id = encodeURIComponent(params.id)
  // Dialogs shared by every tab post here.
  if (intent === 'log-interaction') {
    return submit(context, '/api/v1/interactions', 'POST', formToJson(form, INTERACTION_SHAPE), t('interaction.logged'))
  }
  const interaction = `/api/v1/interactions/${encodeURIComponent(String(form.get('interactionId') ?? ''))}`
  if (intent === 'edit-interaction')
    return submit(context, interaction, 'PATCH', formToJson(form, INTERACTION_SHAPE), t('interaction.updated'))
  if (intent === 'delete-interaction')
    return submit(context, interaction, 'DELETE', undefined, t('interaction.deleted'))
  const task = taskIntent(context, intent, form)
  if (task) return task
  if (intent === 'delete') {
    const r = await apiSubmit(context, `/api/v1/organisations/${id}`, 'DELETE')
    if (!r.ok) return { error: r.problem.detail ?? t('common.failed') }
    return redirect(flashUrl('/organisations', 'org.deleted'))
  }
  if (intent === 'duplicate') {
    const r = await apiSubmit<OrganisationDto>(context, `/api/v1/organisations/${id}/duplicate`, 'POST', {})
    if (!r.ok) return { error: r.problem.detail ?? t('common.failed') }
    return redirect(flashUrl(`/organisations/${r.data.id}/edit`, 'org.duplicated'))
  }
  return { error: t('common.failed') }
}

export default function OrganisationLayout({ loaderData: o }: Route.ComponentProps) {
  useFlash()
  const can = useCan()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [logging, setLogging] = useState(false)
  // Delete and duplicate leave the page: they are navigations (a live revalidation triggered by a
  // pushed notification cannot swallow their redirect, as it could a fetcher's).
  const submit = useSubmit()
  const navigation = useNavigation()
  const answer = useActionData<typeof action>()
  const busy = navigation.state === 'submitting'
  useAnswerToast(answer, navigation.state, () => setConfirmDelete(false))
  const post = (intent: 'delete' | 'duplicate') => submit({ intent }, { method: 'post' })
  const base = `/organisations/${o.id}`
  const more = [
    ...(can('organisations:create')
      ? [{ label: t('org.duplicate'), onSelect: () => post('duplicate'), testId: 'duplicate' }]
      : []),
    ...(can('organisations:delete')
      ? [
          {
            label: t('common.delete'),
            onSelect: () => setConfirmDelete(true),
            tone: 'danger' as const,
            testId: 'delete',
          },
        ]
      : []),
  ]
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <Breadcrumb to="/organisations" label={t('nav.organisations')} />
      <PageHeader
        title={<span data-testid="organisation-name">{o.name}</span>}
        subtitle={[labels.type[o.type], o.category ? labels.category[o.category] : null, o.city]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            {can('interactions:create') ? (
              <button
                type="button"
                className={btn.primary}
                onClick={() => setLogging(true)}
                data-testid="log-interaction"
              >
                {t('interaction.log.short')}
              </button>
            ) : null}
            {can('organisations:update') ? (
              <Link to={`${base}/edit`} className={btn.secondary} data-testid="edit">
                {t('common.edit')}
              </Link>
            ) : null}
            {more.length ? (
              <MoreMenu ariaLabel={t('common.moreActions')} items={more} testId="more-actions" disabled={busy} />
            ) : null}
          </>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <StageMenu org={o} canEdit={can('organisations:update')} size="lg" />
          <StaleBadge isStale={o.isStale} />
          {!o.isActive ? <span className={neutralBadge}>{t('org.inactive')}</span> : null}
        </div>
      </PageHeader>
      <Tabs
        label={t('org.tabs')}
        items={[
          { to: base, label: t('org.tab.overview'), end: true },
          { to: `${base}/contacts`, label: t('org.tab.contacts') },
          { to: `${base}/mandates`, label: t('org.tab.mandates') },
          { to: `${base}/interactions`, label: t('org.tab.interactions') },
          { to: `${base}/tasks`, label: t('org.tab.tasks') },
          { to: `${base}/history`, label: t('org.tab.history') },
        ]}
      />
      <Outlet />
      <LogInteractionDialog open={logging} onClose={() => setLogging(false)} organisation={o} action={base} />
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        busy={busy}
        title={t('org.delete.title')}
        body={t('org.delete.body', { name: o.name })}
        confirmLabel={t('common.delete')}
        onConfirm={() => post('delete')}
      />
    </div>
  )
}

// An organisation's interactions timeline, newest first; each entry edited or deleted from its ⋮.
import { useState } from 'react'
import { useFetcher, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/organisations.$id.interactions'
import type { loader as orgLoader } from './organisations.$id'
import { apiJson } from '../lib/api.server'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { cursorParam } from '../lib/list-query'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import type { InteractionDto, Page } from '../lib/types'
import type { ActionAnswer } from '../components/dialog-form'
import { ConfirmDialog } from '../components/dialog'
import { InteractionTimeline } from '../components/interaction-timeline'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { LogInteractionDialog } from '../components/log-interaction'
import { EmptyState } from '../components/page'
import { btn } from '../components/ui'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor')
  return apiJson<Page<InteractionDto>>(
    context,
    `/api/v1/interactions?organisationId=${encodeURIComponent(params.id)}&limit=20${cursorParam(cursor)}`,
  )
}

export default function OrganisationInteractions({ loaderData }: Route.ComponentProps) {
  const o = useRouteLoaderData<typeof orgLoader>('routes/organisations.$id')!
  const can = useCan()
  const more = useMore(loaderData)
  const [open, setOpen] = useState(false)
  const [editing, setEditing] = useState<InteractionDto | null>(null)
  const [deleting, setDeleting] = useState<InteractionDto | null>(null)
  // Every dialog posts to the organisation's action (this tab has none of its own).
  const action = `/organisations/${o.id}`
  const fetcher = useFetcher<ActionAnswer>()
  useAnswerToast(fetcher.data, fetcher.state, () => setDeleting(null))
  const actions = (i: InteractionDto) => [
    ...(can('interactions:update')
      ? [{ label: t('common.edit'), onSelect: () => setEditing(i), testId: 'interaction-edit' }]
      : []),
    ...(can('interactions:delete')
      ? [
          {
            label: t('common.delete'),
            onSelect: () => setDeleting(i),
            tone: 'danger' as const,
            testId: 'interaction-delete',
          },
        ]
      : []),
  ]
  const add = can('interactions:create') ? (
    <button type="button" className={btn.primary} onClick={() => setOpen(true)}>
      + {t('interaction.log')}
    </button>
  ) : null
  return (
    <section className="space-y-4" aria-label={t('org.tab.interactions')}>
      {more.items.length ? (
        <div className="flex flex-wrap items-center gap-2">
          {add}
          <ExportMenu entity="interactions" query={`organisationId=${o.id}`} />
        </div>
      ) : null}
      {more.items.length === 0 ? (
        <EmptyState title={t('interaction.none')} body={t('interaction.none.body')} action={add} />
      ) : (
        <InteractionTimeline items={more.items} actions={actions} />
      )}
      <LoadMore more={more} />
      <LogInteractionDialog open={open} onClose={() => setOpen(false)} organisation={o} action={action} />
      <LogInteractionDialog
        open={!!editing}
        onClose={() => setEditing(null)}
        organisation={o}
        action={action}
        initial={editing ?? undefined}
      />
      <ConfirmDialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        busy={fetcher.state !== 'idle'}
        title={t('interaction.delete.title')}
        body={t('interaction.delete.body', { subject: deleting?.subject ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() =>
          deleting &&
          fetcher.submit({ intent: 'delete-interaction', interactionId: deleting.id }, { method: 'post', action })
        }
      />
    </section>
  )
}

// An organisation's interactions timeline, newest first.
import { useState } from 'react'
import { useRouteLoaderData } from 'react-router'
import type { Route } from './+types/organisations.$id.interactions'
import type { loader as orgLoader } from './organisations.$id'
import { apiJson } from '../lib/api.server'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import type { InteractionDto, Page } from '../lib/types'
import { InteractionTimeline } from '../components/interaction-timeline'
import { LoadMore } from '../components/load-more'
import { LogInteractionDialog } from '../components/log-interaction'
import { EmptyState } from '../components/page'
import { btn } from '../components/ui'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor')
  return apiJson<Page<InteractionDto>>(context, `/api/v1/interactions?organisationId=${encodeURIComponent(params.id)}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
}

export default function OrganisationInteractions({ loaderData }: Route.ComponentProps) {
  const o = useRouteLoaderData<typeof orgLoader>('routes/organisations.$id')!
  const can = useCan()
  const more = useMore(loaderData)
  const [open, setOpen] = useState(false)
  const add = can('interactions:create') ? <button type="button" className={btn.primary} onClick={() => setOpen(true)}>+ {t('interaction.log')}</button> : null
  return (
    <section className="space-y-4" aria-label={t('org.tab.interactions')}>
      {more.items.length ? <div>{add}</div> : null}
      {more.items.length === 0 ? <EmptyState title={t('interaction.none')} body={t('interaction.none.body')} action={add} /> : <InteractionTimeline items={more.items} />}
      <LoadMore more={more} />
      <LogInteractionDialog open={open} onClose={() => setOpen(false)} organisation={o} action={`/organisations/${o.id}`} />
    </section>
  )
}

// What happened to an organisation: who, when, what changed.
import type { Route } from './+types/organisations.$id.history'
import { apiJson } from '../lib/api.server'
import { loadUsers } from '../lib/lookups.server'
import { t } from '../i18n/fr'
import { useMore } from '../lib/use-more'
import { cursorParam } from '../lib/list-query'
import type { HistoryEntryDto, Page } from '../lib/types'
import { HistoryList } from '../components/history-list'
import { LoadMore } from '../components/load-more'
import { EmptyState } from '../components/page'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor')
  const [page, users] = await Promise.all([
    apiJson<Page<HistoryEntryDto>>(
      context,
      `/api/v1/organisations/${encodeURIComponent(params.id)}/history?limit=30${cursorParam(cursor)}`,
    ),
    loadUsers(context),
  ])
  return { ...page, users: Object.fromEntries(users.map((u) => [u.id, u.name])) }
}

export default function OrganisationHistory({ loaderData }: Route.ComponentProps) {
  const more = useMore(loaderData)
  return (
    <section className="space-y-4" aria-label={t('org.tab.history')}>
      {more.items.length === 0 ? (
        <EmptyState title={t('history.none')} />
      ) : (
        <HistoryList entries={more.items} entity="org" users={loaderData.users} />
      )}
      <LoadMore more={more} />
    </section>
  )
}

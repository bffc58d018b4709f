// Organisations: filters, sort, "Afficher plus", and bulk actions on a selection.
import { useMemo } from 'react'
import { Link, useLocation } from 'react-router'
import type { Route } from './+types/organisations'
import { apiJson } from '../lib/api.server'
import { bulkAction } from '../lib/bulk.server'
import { loadUsers } from '../lib/lookups.server'
import { labels, t } from '../i18n/fr'
import { formatDate, formatMoney, formatRelative } from '../lib/format'
import { useFlash } from '../lib/use-flash'
import { useCan, useMe } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { useRowSelection } from '../lib/selection'
import type { OrganisationDto, Page } from '../lib/types'
import { BulkActions } from '../components/bulk-actions'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { FILTER_KEYS, OrganisationFilters } from '../components/organisation-filters'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { SelectAllMatching } from '../components/select-all-matching'
import { StaleBadge, StageMenu } from '../components/stage-badge'
import { btn, card, cx, link, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.organisations')} · ${t('app.name')}` }]

const API_PARAMS = new Set<string>([...FILTER_KEYS, 'sort', 'cursor'])

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = new URLSearchParams()
  for (const [k, v] of new URL(request.url).searchParams) if (API_PARAMS.has(k) && v.trim()) query.set(k, v.trim())
  query.set('limit', '50')
  const [page, owners] = await Promise.all([
    apiJson<Page<OrganisationDto>>(context, `/api/v1/organisations?${query}`),
    loadUsers(context),
  ])
  return { ...page, owners }
}

export async function action({ request, context }: Route.ActionArgs) {
  return bulkAction(context, await request.formData())
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  useFlash()
  const me = useMe()
  const can = useCan()
  const more = useMore(loaderData)
  const { search } = useLocation()
  const filters = useMemo(() => {
    const p = new URLSearchParams(search)
    p.delete('cursor')
    return p.toString()
  }, [search])
  const ids = useMemo(() => more.items.map((o) => o.id), [more.items])
  const { selected, allChecked, allMatching, setMatching, toggle, toggleAll, clear } = useRowSelection(
    ids,
    more.hasMore,
    filters,
  )
  const apiQuery = useMemo(() => {
    const p = new URLSearchParams()
    for (const [k, v] of new URLSearchParams(filters)) if (API_PARAMS.has(k) && v.trim()) p.set(k, v.trim())
    return p.toString()
  }, [filters])
  const filterQuery = useMemo(() => {
    const p = new URLSearchParams(apiQuery)
    p.delete('sort')
    return p.toString()
  }, [apiQuery])
  const canBulk = can('organisations:update') || can('organisations:delete')
  const grid =
    'md:grid ' +
    'md:grid-cols-[2.75rem_minmax(0,2.2fr)_minmax(0,1fr)_minmax(9.5rem,1.4fr)_8rem_minmax(0,1fr)_minmax(0,1fr)_8rem] ' +
    'md:items-center md:gap-3'

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('nav.organisations')}
        actions={
          <>
            <ExportMenu entity="organisations" query={apiQuery} ids={allMatching ? [] : [...selected]} />
            {can('organisations:create') ? (
              <Link to="/organisations/new" className={btn.primary} aria-keyshortcuts="Control+N">
                + {t('org.new')}
              </Link>
            ) : null}
          </>
        }
      />
      <OrganisationFilters owners={loaderData.owners} meId={me.id} />
      {allChecked && more.hasMore ? (
        <SelectAllMatching
          loaded={more.items.length}
          filter={filterQuery}
          matching={allMatching}
          onChange={setMatching}
        />
      ) : null}
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState
            title={t('org.list.empty')}
            body={search ? t('org.list.empty.filtered') : undefined}
            action={
              can('organisations:create') ? (
                <Link to="/organisations/new" className={btn.primary}>
                  + {t('org.new')}
                </Link>
              ) : undefined
            }
          />
        ) : (
          <div className={cx(card, 'overflow-hidden')}>
            <div
              className={cx(
                'hidden border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs font-semibold uppercase ' +
                  'tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-400',
                grid,
              )}
            >
              {canBulk ? (
                <label className="flex h-11 w-11 items-center justify-center">
                  <input
                    type="checkbox"
                    checked={allChecked}
                    onChange={toggleAll}
                    aria-label={t('bulk.selectAll')}
                    className="h-5 w-5 accent-blue-700"
                    data-testid="select-all"
                  />
                </label>
              ) : (
                <span />
              )}
              <span>{t('org.field.name')}</span>
              <span>{t('org.field.type')}</span>
              <span>{t('org.field.pipelineStage')}</span>
              <span className="text-right">{t('org.field.amount')}</span>
              <span>{t('org.field.city')}</span>
              <span>{t('org.field.owner')}</span>
              <span>{t('org.field.lastContact')}</span>
            </div>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="organisation-list">
              {more.items.map((o) => (
                <li
                  key={o.id}
                  className={cx(
                    'flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2',
                    grid,
                    selected.has(o.id) && 'bg-blue-50 dark:bg-blue-950/40',
                  )}
                  data-testid="organisation-row"
                >
                  {canBulk ? (
                    <label className="-my-1 flex h-11 w-11 shrink-0 cursor-pointer items-center justify-center">
                      <input
                        type="checkbox"
                        checked={selected.has(o.id)}
                        onChange={() => toggle(o.id)}
                        aria-label={t('bulk.select', { name: o.name })}
                        className="h-5 w-5 accent-blue-700"
                      />
                    </label>
                  ) : (
                    <span className="hidden md:block" />
                  )}
                  <div className="min-w-0 flex-1">
                    <Link to={`/organisations/${o.id}`} className={cx(link, 'block truncate font-medium')}>
                      {o.name}
                    </Link>
                    <span className={cx(muted, 'text-xs md:hidden')}>
                      {labels.type[o.type]}
                      {o.city ? ` · ${o.city}` : ''}
                    </span>
                  </div>
                  <span
                    className={cx(muted, 'hidden truncate text-sm md:block')}
                    title={o.category ? labels.category[o.category] : undefined}
                  >
                    {labels.type[o.type]}
                  </span>
                  <span
                    className={cx(
                      'flex flex-wrap items-center gap-1 max-md:order-2 max-md:basis-full',
                      canBulk && 'max-md:pl-14',
                    )}
                  >
                    <StageMenu org={o} canEdit={can('organisations:update')} />
                    <StaleBadge isStale={o.isStale} />
                  </span>
                  <span className="ml-auto text-right text-sm tabular-nums max-md:order-1 md:ml-0">
                    {formatMoney(o.amount)}
                  </span>
                  <span className={cx(muted, 'hidden truncate text-sm md:block')}>{o.city ?? t('common.none')}</span>
                  <span className={cx(muted, 'hidden truncate text-sm md:block')}>
                    {o.ownerName ?? t('common.none')}
                  </span>
                  <span className={cx(muted, 'hidden text-sm md:block')} title={formatDate(o.lastContactAt)}>
                    {o.lastContactAt ? formatRelative(o.lastContactAt) : t('org.neverContacted')}
                  </span>
                  {!o.isActive ? <span className="sr-only">{t('org.inactive')}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Pending>
      <LoadMore more={more} />
      {canBulk ? (
        <BulkActions
          ids={[...selected]}
          matching={allMatching}
          owners={loaderData.owners}
          onDone={clear}
          onClear={clear}
          can={{ update: can('organisations:update'), delete: can('organisations:delete') }}
        />
      ) : null}
    </div>
  )
}

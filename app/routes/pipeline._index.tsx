// Pipeline, table view: every organisation with its stage (badge menu), amount, weighted amount
// and days in the stage; a selection can change stage in one go (guide 3, method 3).
import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/pipeline._index'
import { apiJson } from '../lib/api.server'
import { bulkAction } from '../lib/bulk.server'
import { loadUsers } from '../lib/lookups.server'
import { daysSince, pipelineQuery, weighted } from '../lib/pipeline'
import { labels, t } from '../i18n/fr'
import { formatDays, formatMoney } from '../lib/format'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { useRowSelection } from '../lib/selection'
import type { OrganisationDto, Page } from '../lib/types'
import { BulkActions } from '../components/bulk-actions'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { EmptyState, Pending } from '../components/page'
import { SelectAllMatching } from '../components/select-all-matching'
import { StaleBadge, StageMenu } from '../components/stage-badge'
import { card, cx, link, muted } from '../components/ui'

const SORTS = ['-amount', 'amount', 'name', 'stageChangedAt', '-stageChangedAt'] as const

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const q = pipelineQuery(request)
  const sort = url.searchParams.get('sort')
  const stage = url.searchParams.get('stage')
  if (stage) q.set('stage', stage)
  q.set('active', 'true')
  // The rows the table pages through, for "all matching" bulk actions (no order, no paging).
  const filterQuery = q.toString()
  q.set('sort', SORTS.includes(sort as never) ? sort! : '-amount')
  const exportQuery = q.toString()
  q.set('limit', '50')
  const cursor = url.searchParams.get('cursor')
  if (cursor) q.set('cursor', cursor)
  const [page, owners] = await Promise.all([
    apiJson<Page<OrganisationDto>>(context, `/api/v1/organisations?${q}`),
    loadUsers(context),
  ])
  return { ...page, owners, exportQuery, filterQuery }
}

export async function action({ request, context }: Route.ActionArgs) {
  return bulkAction(context, await request.formData())
}

export default function PipelineTable({ loaderData }: Route.ComponentProps) {
  const can = useCan()
  const more = useMore(loaderData, { index: true })
  const [params, setParams] = useSearchParams()
  const ids = useMemo(() => more.items.map((o) => o.id), [more.items])
  const {
    selected,
    allChecked: all,
    allMatching,
    setMatching,
    toggle,
    toggleAll,
    clear,
  } = useRowSelection(ids, more.hasMore, params)
  const sort = params.get('sort') ?? '-amount'
  const canBulk = can('organisations:update')
  const sortBy = (key: string) =>
    setParams(
      (p) => {
        p.set('sort', sort === `-${key}` ? key : `-${key}`)
        p.delete('cursor')
        return p
      },
      { preventScrollReset: true },
    )
  const ariaSort = (key: string) => (sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined)
  const th = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400'
  const sortButton = (key: string, label: string) => (
    <button
      type="button"
      onClick={() => sortBy(key)}
      className="inline-flex min-h-11 items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-slate-100"
    >
      {label}
      <span aria-hidden="true">{sort === key ? '▲' : sort === `-${key}` ? '▼' : '↕'}</span>
    </button>
  )
  return (
    <div className="space-y-3">
      {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not form fields; a fieldset would add
         its own border and padding */}
      <div className="flex flex-wrap gap-2" role="group" aria-label={t('org.field.pipelineStage')}>
        {['', 'PROSPECT', 'QUALIFICATION', 'PROPOSITION', 'SIGNE'].map((s) => {
          const active = (params.get('stage') ?? '') === s
          return (
            <button
              key={s || 'all'}
              type="button"
              aria-pressed={active}
              onClick={() =>
                setParams(
                  (p) => {
                    if (s) p.set('stage', s)
                    else p.delete('stage')
                    p.delete('cursor')
                    return p
                  },
                  { preventScrollReset: true },
                )
              }
              className={cx(
                'min-h-11 rounded-full px-4 text-sm font-medium',
                active
                  ? 'bg-blue-700 text-white'
                  : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 ' +
                      'dark:text-slate-200 dark:ring-slate-700',
              )}
            >
              {s ? labels.stage[s as keyof typeof labels.stage] : t('common.allF')}
            </button>
          )
        })}
        <span className="ml-auto">
          <ExportMenu entity="organisations" query={loaderData.exportQuery} ids={allMatching ? [] : [...selected]} />
        </span>
      </div>
      {canBulk && all && more.hasMore ? (
        <SelectAllMatching
          loaded={more.items.length}
          filter={loaderData.filterQuery}
          matching={allMatching}
          onChange={setMatching}
        />
      ) : null}
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState title={t('org.list.empty')} />
        ) : (
          <div className={cx(card, 'overflow-x-auto')}>
            <table className="w-full min-w-[44rem] text-sm" data-testid="pipeline-table">
              <caption className="sr-only">{t('pipeline.view.table')}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/50">
                <tr>
                  {canBulk ? (
                    <th scope="col" className="w-12 px-3">
                      <input
                        type="checkbox"
                        checked={all}
                        aria-label={t('bulk.selectAll')}
                        className="h-5 w-5 accent-blue-700"
                        onChange={toggleAll}
                      />
                    </th>
                  ) : null}
                  <th scope="col" className={th} aria-sort={ariaSort('name')}>
                    {sortButton('name', t('org.field.name'))}
                  </th>
                  <th scope="col" className={th}>
                    {t('org.field.pipelineStage')}
                  </th>
                  <th scope="col" className={cx(th, 'text-right')} aria-sort={ariaSort('amount')}>
                    {sortButton('amount', t('pipeline.amount'))}
                  </th>
                  <th scope="col" className={cx(th, 'text-right')}>
                    {t('pipeline.weighted')}
                  </th>
                  <th scope="col" className={cx(th, 'text-right')} aria-sort={ariaSort('stageChangedAt')}>
                    {sortButton('stageChangedAt', t('pipeline.inStage'))}
                  </th>
                  <th scope="col" className={th}>
                    {t('org.field.owner')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {more.items.map((o) => (
                  <tr key={o.id} className={selected.has(o.id) ? 'bg-blue-50 dark:bg-blue-950/40' : undefined}>
                    {canBulk ? (
                      <td className="px-3">
                        <input
                          type="checkbox"
                          checked={selected.has(o.id)}
                          onChange={() => toggle(o.id)}
                          aria-label={t('bulk.select', { name: o.name })}
                          className="h-5 w-5 accent-blue-700"
                        />
                      </td>
                    ) : null}
                    <th scope="row" className="max-w-72 px-3 py-2 text-left font-medium">
                      <Link to={`/organisations/${o.id}`} className={cx(link, 'block truncate')}>
                        {o.name}
                      </Link>
                    </th>
                    <td className="px-3 py-2">
                      <div className="flex flex-wrap items-center gap-1">
                        <StageMenu org={o} canEdit={canBulk} />
                        <StaleBadge isStale={o.isStale} />
                      </div>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.amount)}</td>
                    <td className={cx(muted, 'px-3 py-2 text-right tabular-nums')}>
                      {formatMoney(weighted(o.amount, o.pipelineStage))}
                    </td>
                    <td
                      className={cx(
                        'px-3 py-2 text-right tabular-nums',
                        o.isStale ? 'font-medium text-red-700 dark:text-red-300' : muted,
                      )}
                    >
                      {formatDays(daysSince(o.stageChangedAt))}
                    </td>
                    <td className={cx(muted, 'px-3 py-2')}>{o.ownerName ?? t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
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
          can={{ update: true, delete: can('organisations:delete') }}
        />
      ) : null}
    </div>
  )
}

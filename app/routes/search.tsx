// The full search page: the palette's results with room, filters, and a page per kind of record.
// Everything lives in the address (a GET form), so a search can be bookmarked or shared.
import { Link, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
import type { Route } from './+types/search'
import type { SearchResult } from '../../worker/search/search.schema'
import { SEARCH_TYPES } from '../../worker/search/search.schema'
import { CATEGORIES, ORGANISATION_TYPES, PIPELINE_STAGES } from '../../worker/db/enums'
import { labels, t, type MessageKey } from '../i18n/fr'
import { loadUsers } from '../lib/lookups.server'
import type { Problem } from '../lib/api.server'
import { HitText, TYPE_ICON, countLabel } from '../components/command-palette'
import { Icon } from '../components/icon'
import { inputClass, InlineAlert } from '../components/field'
import { AddressForm, FilterInput, FilterSelect } from '../components/list-page'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { btn, card, cx, link } from '../components/ui'

const PARAMS = ['q', 'types', 'type', 'category', 'stage', 'city', 'ownerId', 'createdFrom', 'createdTo'] as const
const PAGE_SIZE = 20

export const meta: Route.MetaFunction = () => [{ title: `${t('search.page.title')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, PARAMS, PAGE_SIZE)
  const asked = PARAMS.some((k) => k !== 'types' && query.get(k))
  const [res, owners] = await Promise.all([asked ? context.api(`/api/v1/search?${query}`) : null, loadUsers(context)])
  if (res && res.status === 400) return { result: null, problem: (await res.json()) as Problem, owners }
  if (res && !res.ok)
    throw new Response(await res.text(), { status: res.status, headers: { 'content-type': 'application/json' } })
  return { result: res ? ((await res.json()) as SearchResult) : null, problem: null, owners }
}

export default function SearchPage({ loaderData }: Route.ComponentProps) {
  const { result, problem, owners } = loaderData
  const [params] = useSearchParams()
  const get = (k: string) => params.get(k) ?? ''
  const pageOf = (type: string, cursor: string) => {
    const next = new URLSearchParams(params)
    next.set('types', type)
    next.set('cursor', cursor)
    return `?${next}`
  }
  const withoutPaging = () => {
    const next = new URLSearchParams(params)
    next.delete('cursor')
    return `?${next}`
  }
  const groups = result?.groups.filter((g) => g.items.length > 0) ?? []
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('search.page.title')} />
      <AddressForm
        action="/search"
        label={t('search.filters')}
        testId="search-filters"
        className={cx(card, 'flex flex-col gap-3 p-3')}
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('search.label')}
          <input
            type="search"
            name="q"
            defaultValue={get('q')}
            maxLength={200}
            placeholder={t('search.placeholder')}
            className={cx(inputClass, 'text-base')}
          />
        </label>
        <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
          <FilterSelect
            all={t('common.all')}
            name="types"
            label={t('search.filter.kind')}
            defaultValue={get('types')}
            options={SEARCH_TYPES.map((k) => [k, t(`search.type.${k}` as MessageKey)])}
          />
          <FilterSelect
            all={t('common.all')}
            name="type"
            label={t('search.filter.type')}
            defaultValue={get('type')}
            options={ORGANISATION_TYPES.map((k) => [k, labels.type[k]])}
          />
          <FilterSelect
            all={t('common.all')}
            name="category"
            label={t('search.filter.category')}
            defaultValue={get('category')}
            options={CATEGORIES.map((k) => [k, labels.category[k]])}
          />
          <FilterSelect
            all={t('common.all')}
            name="stage"
            label={t('search.filter.stage')}
            defaultValue={get('stage')}
            options={PIPELINE_STAGES.map((k) => [k, labels.stage[k]])}
          />
          <FilterInput name="city" label={t('search.filter.city')} defaultValue={get('city')} />
          <FilterSelect
            all={t('common.all')}
            name="ownerId"
            label={t('search.filter.owner')}
            defaultValue={get('ownerId')}
            options={owners.map((u) => [u.id, u.name])}
          />
          <FilterInput
            name="createdFrom"
            type="date"
            label={t('search.filter.createdFrom')}
            defaultValue={get('createdFrom')}
          />
          <FilterInput
            name="createdTo"
            type="date"
            label={t('search.filter.createdTo')}
            defaultValue={get('createdTo')}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={btn.primary}>
            {t('search.filter.apply')}
          </button>
          <Link to="/search" className={btn.ghost}>
            {t('search.filter.reset')}
          </Link>
        </div>
      </AddressForm>
      <InlineAlert>{problem ? (problem.errors?.[0]?.message ?? problem.detail) : null}</InlineAlert>
      <Pending>
        {!result ? (
          problem ? null : (
            <EmptyState title={t('search.prompt')} testId="search-prompt" />
          )
        ) : groups.length === 0 ? (
          <EmptyState title={t('search.empty', { q: get('q') })} testId="search-empty" />
        ) : (
          <div className="flex flex-col gap-4" data-testid="search-results">
            {params.get('cursor') ? (
              <Link to={withoutPaging()} className={link}>
                ← {t('search.seeAllGroup')}
              </Link>
            ) : null}
            {groups.map((g) => (
              <section
                key={g.type}
                aria-labelledby={`search-${g.type}`}
                className={cx(card, 'p-2')}
                data-testid={`search-group-${g.type}`}
              >
                <h2 id={`search-${g.type}`} className="flex items-center gap-2 px-2 py-1 text-base font-semibold">
                  <Icon path={TYPE_ICON[g.type]} />
                  {t(`search.type.${g.type}` as MessageKey)}
                  <span
                    className={
                      'rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-700 dark:bg-slate-800 ' +
                      'dark:text-slate-300'
                    }
                  >
                    {countLabel(g)}
                  </span>
                </h2>
                <ul className="flex flex-col">
                  {g.items.map((hit) => (
                    <li key={hit.id}>
                      {hit.href ? (
                        <Link
                          to={hit.href}
                          className={
                            'flex min-h-11 items-center gap-3 rounded-md px-2 py-2 text-sm hover:bg-slate-50 ' +
                            'focus-visible:outline-2 focus-visible:outline-blue-700 dark:hover:bg-slate-800'
                          }
                        >
                          <Icon path={TYPE_ICON[hit.type]} className="h-5 w-5 text-slate-500" />
                          <HitText hit={hit} />
                        </Link>
                      ) : (
                        <div className="flex min-h-11 items-center gap-3 px-2 py-2 text-sm">
                          <Icon path={TYPE_ICON[hit.type]} className="h-5 w-5 text-slate-500" />
                          <HitText hit={hit} />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
                {g.nextCursor ? (
                  <Link
                    to={pageOf(g.type, g.nextCursor)}
                    className={cx(btn.secondary, 'mt-2')}
                    data-testid={`search-more-${g.type}`}
                  >
                    {t('search.more')}
                  </Link>
                ) : null}
              </section>
            ))}
          </div>
        )}
      </Pending>
    </div>
  )
}

// The pipeline, three views of the same organisations: table, kanban, analytics (guide 3).
// Filters (type, category, owner) apply to the three and follow the user between them.
import { useState } from 'react'
import { Form, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router'
import type { Route } from './+types/pipeline'
import { loadUsers } from '../lib/lookups.server'
import { labels, t } from '../i18n/fr'
import { useMe } from '../lib/use-me'
import { PIPELINE_FILTERS } from '../lib/pipeline'
import { inputClass } from '../components/field'
import { FilterSelect } from '../components/list-page'
import { PageHeader, Tabs } from '../components/page'
import { btn, cx } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.pipeline')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  return { owners: await loadUsers(context) }
}

export default function Pipeline({ loaderData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const me = useMe()
  const keep = new URLSearchParams()
  for (const k of PIPELINE_FILTERS) {
    const v = params.get(k)
    if (v) keep.set(k, v)
  }
  const qs = keep.size ? `?${keep}` : ''
  const analytics = pathname.endsWith('/analytics')
  const [showFilters, setShowFilters] = useState(false)
  const active = PIPELINE_FILTERS.filter((k) => params.get(k)).length
  const apply = (form: HTMLFormElement) => {
    const next = new URLSearchParams()
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim())
    navigate(`${pathname}${next.size ? `?${next}` : ''}`, { preventScrollReset: true, replace: true })
  }
  const owners = loaderData.owners.length ? loaderData.owners : [{ id: me.id, name: me.name }]
  const select = (name: string, label: string, options: [string, string][], all: string) => (
    <FilterSelect name={name} label={label} options={options} all={all} defaultValue={params.get(name) ?? ''} />
  )
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('nav.pipeline')}
        subtitle={<span className="hidden sm:inline">{t('pipeline.subtitle')}</span>}
        actions={
          <button
            type="button"
            className={cx(btn.secondary, 'sm:hidden')}
            aria-expanded={showFilters}
            aria-controls="pipeline-filters"
            onClick={() => setShowFilters((v) => !v)}
          >
            {t('org.filters.more')}
            {active ? ` (${active})` : ''}
          </button>
        }
      />
      <Form
        method="get"
        action={pathname}
        key={params.toString()}
        id="pipeline-filters"
        className={cx(showFilters ? 'grid' : 'hidden', 'grid-cols-2 gap-2 sm:grid sm:grid-cols-4 lg:max-w-4xl')}
        aria-label={t('pipeline.filters')}
        onSubmit={(e) => {
          e.preventDefault()
          apply(e.currentTarget)
        }}
        onChange={(e) => {
          if (e.target instanceof HTMLSelectElement) apply(e.currentTarget)
        }}
      >
        {analytics ? null : (
          <label
            className={
              'col-span-2 flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300 ' +
              'sm:col-span-1'
            }
          >
            {t('common.search')}
            <input
              type="search"
              name="q"
              defaultValue={params.get('q') ?? ''}
              placeholder={t('org.filters.qPlaceholder')}
              className={cx(inputClass, 'text-sm')}
            />
          </label>
        )}
        {select('type', t('org.field.type'), Object.entries(labels.type), t('common.all'))}
        {select('category', t('org.field.category'), Object.entries(labels.category), t('common.allF'))}
        {select(
          'ownerId',
          t('org.field.owner'),
          owners.map((u) => [u.id, u.name]),
          t('common.all'),
        )}
        <button type="submit" className="sr-only">
          {t('common.filter')}
        </button>
      </Form>
      <Tabs
        label={t('pipeline.views')}
        items={[
          { to: `/pipeline${qs}`, label: t('pipeline.view.table'), end: true },
          { to: `/pipeline/kanban${qs}`, label: t('pipeline.view.kanban') },
          { to: `/pipeline/analytics${qs}`, label: t('pipeline.view.analytics') },
        ]}
      />
      <Outlet />
    </div>
  )
}

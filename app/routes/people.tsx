// People: search, sort, "Afficher plus".
import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/people'
import { apiJson } from '../lib/api.server'
import { t } from '../i18n/fr'
import { useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { listQuery } from '../lib/list-query'
import type { Page, PersonDto } from '../lib/types'
import { inputClass } from '../components/field'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { badge, btn, card, cx, link, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.people')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const query = new URLSearchParams({ limit: '50' })
  for (const k of ['q', 'sort', 'cursor']) {
    const v = url.searchParams.get(k)?.trim()
    if (v) query.set(k, v)
  }
  return apiJson<Page<PersonDto>>(context, `/api/v1/people?${query}`)
}

export default function People({ loaderData }: Route.ComponentProps) {
  useFlash()
  const can = useCan()
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  const add = can('people:create') ? (
    <Link to="/people/new" className={btn.primary}>
      + {t('person.new')}
    </Link>
  ) : null
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('nav.people')}
        actions={
          <>
            <ExportMenu entity="people" query={listQuery(params, ['q', 'sort'])} />
            {add}
          </>
        }
      />
      <Form method="get" action="/people" role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('common.search')}
          <input
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('person.search.placeholder')}
            className={cx(inputClass, 'text-sm')}
          />
        </label>
        <label className="flex w-44 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('org.sort')}
          <select
            name="sort"
            defaultValue={params.get('sort') ?? 'lastName'}
            className={cx(inputClass, 'text-sm')}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="lastName">{t('person.sort.lastName')}</option>
            <option value="-lastName">{t('person.sort.-lastName')}</option>
            <option value="-createdAt">{t('org.sort.-createdAt')}</option>
          </select>
        </label>
        <button type="submit" className={btn.secondary}>
          {t('common.filter')}
        </button>
      </Form>
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState title={t('person.empty')} action={add} />
        ) : (
          <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="people-list">
            {more.items.map((p) => {
              const primary = p.organisations.find((l) => l.isPrimary) ?? p.organisations[0]
              return (
                <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <Link to={`/people/${p.id}`} className={cx(link, 'font-medium')}>
                      {p.fullName}
                    </Link>
                    {p.jobTitle ? <p className={cx(muted, 'text-sm')}>{p.jobTitle}</p> : null}
                  </div>
                  <div className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
                    {primary ? (
                      <Link to={`/organisations/${primary.organisationId}`} className={cx(link, 'truncate')}>
                        {primary.organisationName}
                      </Link>
                    ) : (
                      <span className={muted}>{t('person.noOrganisation')}</span>
                    )}
                    {p.organisations.length > 1 ? (
                      <span className={cx(badge, 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200')}>
                        +{p.organisations.length - 1}
                      </span>
                    ) : null}
                  </div>
                  <span className={cx(muted, 'hidden w-56 truncate text-sm lg:block')}>
                    {primary?.workEmail ?? p.personalEmail ?? ''}
                  </span>
                </li>
              )
            })}
          </ul>
        )}
      </Pending>
      <LoadMore more={more} />
    </div>
  )
}

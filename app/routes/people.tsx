// People: search, sort, "Afficher plus".
import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/people'
import { apiJson } from '../lib/api.server'
import { t } from '../i18n/fr'
import { useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { listQuery, pageQuery } from '../lib/list-query'
import type { Page, PersonDto } from '../lib/types'
import { ListPage, listCard, listRow } from '../components/list-page'
import { ExportMenu } from '../components/export-menu'
import { EmptyState } from '../components/page'
import { badge, btn, cx, link, muted } from '../components/ui'

// What the list is filtered by, in the address and in the API's query (and the export's).
const FILTERS = ['q', 'sort'] as const

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.people')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, FILTERS)
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
    <ListPage
      title={t('nav.people')}
      actions={
        <>
          <ExportMenu entity="people" query={listQuery(params, FILTERS)} />
          {add}
        </>
      }
      action="/people"
      search={{ label: t('common.search'), placeholder: t('person.search.placeholder') }}
      select={{
        name: 'sort',
        label: t('org.sort'),
        fallback: 'lastName',
        options: [
          ['lastName', t('person.sort.lastName')],
          ['-lastName', t('person.sort.-lastName')],
          ['-createdAt', t('org.sort.-createdAt')],
        ],
      }}
      more={more}
      empty={<EmptyState title={t('person.empty')} action={add} />}
    >
      {(people) => (
        <ul className={listCard} data-testid="people-list">
          {people.map((p) => {
            const primary = p.organisations.find((l) => l.isPrimary) ?? p.organisations[0]
            return (
              <li key={p.id} className={listRow}>
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
    </ListPage>
  )
}

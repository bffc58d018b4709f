// Mandates: filter by status, search by number, "Afficher plus".
import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/mandates'
import { apiJson } from '../lib/api.server'
import { labels, t } from '../i18n/fr'
import { useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { listQuery, pageQuery } from '../lib/list-query'
import type { MandateDto, Page } from '../lib/types'
import { FilterBar, FilterInput, FilterSelect, ListResults } from '../components/list-page'
import { ExportMenu } from '../components/export-menu'
import { MandateList } from '../components/mandate-list'
import { EmptyState, PageHeader } from '../components/page'
import { btn } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.mandates')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, ['q', 'status', 'sort'])
  return apiJson<Page<MandateDto>>(context, `/api/v1/mandats?${query}`)
}

export default function Mandates({ loaderData }: Route.ComponentProps) {
  useFlash()
  const can = useCan()
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  const add = can('mandates:create') ? (
    <Link to="/mandates/new" className={btn.primary}>
      + {t('mandate.new')}
    </Link>
  ) : null
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('nav.mandates')}
        actions={
          <>
            <ExportMenu entity="mandats" query={listQuery(params, ['q', 'status', 'sort'])} />
            {add}
          </>
        }
      />
      <FilterBar action="/mandates">
        <FilterInput
          label={t('mandate.field.number')}
          className="min-w-40 flex-1"
          type="search"
          name="q"
          defaultValue={params.get('q') ?? ''}
          placeholder="M-2026-001"
        />
        <FilterSelect
          label={t('mandate.field.status')}
          className="w-48"
          name="status"
          defaultValue={params.get('status') ?? ''}
          all={t('common.all')}
          options={Object.entries(labels.mandateStatus)}
          submitOnChange
        />
      </FilterBar>
      <ListResults more={more} empty={<EmptyState title={t('mandate.none')} action={add} />}>
        {(mandates) => <MandateList mandates={mandates} />}
      </ListResults>
    </div>
  )
}

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
import { ListPage } from '../components/list-page'
import { ExportMenu } from '../components/export-menu'
import { MandateList } from '../components/mandate-list'
import { EmptyState } from '../components/page'
import { btn } from '../components/ui'

// What the list is filtered by, in the address and in the API's query (and the export's).
const FILTERS = ['q', 'status', 'sort'] as const

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.mandates')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, FILTERS)
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
    <ListPage
      title={t('nav.mandates')}
      actions={
        <>
          <ExportMenu entity="mandats" query={listQuery(params, FILTERS)} />
          {add}
        </>
      }
      action="/mandates"
      search={{ label: t('mandate.field.number'), placeholder: 'M-2026-001', className: 'min-w-40 flex-1' }}
      select={{
        name: 'status',
        label: t('mandate.field.status'),
        className: 'w-48',
        all: t('common.all'),
        options: Object.entries(labels.mandateStatus),
      }}
      more={more}
      empty={<EmptyState title={t('mandate.none')} action={add} />}
    >
      {(mandates) => <MandateList mandates={mandates} />}
    </ListPage>
  )
}

// An organisation's mandates.
import { Link } from 'react-router'
import type { Route } from './+types/organisations.$id.mandates'
import { apiJson } from '../lib/api.server'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { cursorParam } from '../lib/list-query'
import type { MandateDto, Page } from '../lib/types'
import { LoadMore } from '../components/load-more'
import { MandateList } from '../components/mandate-list'
import { EmptyState } from '../components/page'
import { btn } from '../components/ui'

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const cursor = new URL(request.url).searchParams.get('cursor')
  return apiJson<Page<MandateDto>>(
    context,
    `/api/v1/mandats?organisationId=${encodeURIComponent(params.id)}&limit=50${cursorParam(cursor)}`,
  )
}

export default function OrganisationMandates({ loaderData, params }: Route.ComponentProps) {
  const can = useCan()
  const more = useMore(loaderData)
  const add = can('mandates:create') ? (
    <Link to={`/mandates/new?organisationId=${params.id}`} className={btn.primary}>
      + {t('mandate.new')}
    </Link>
  ) : null
  return (
    <section className="space-y-4" aria-label={t('org.tab.mandates')}>
      {more.items.length === 0 ? (
        <EmptyState title={t('mandate.none')} action={add} />
      ) : (
        <>
          <div>{add}</div>
          <MandateList mandates={more.items} showOrganisation={false} />
        </>
      )}
      <LoadMore more={more} />
    </section>
  )
}

import { useEffect } from 'react'
import { useSearchParams } from 'react-router'
import type { Route } from './+types/organisations.$id'
import { apiJson } from '../lib/api.server'
import { labels, t } from '../i18n/fr'
import { formatDate, formatMoney } from '../lib/format'
import { useToast } from '../components/toasts'
import type { OrganisationDto } from '../../worker/organisations/organisation.service'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.name ?? ''} · ${t('app.name')}` }]

export async function loader({ params, context }: Route.LoaderArgs) {
  return apiJson<OrganisationDto>(context, `/api/v1/organisations/${encodeURIComponent(params.id)}`)
}

export default function OrganisationDetail({ loaderData: o }: Route.ComponentProps) {
  const [params, setParams] = useSearchParams()
  const toast = useToast()
  useEffect(() => {
    if (params.get('created')) {
      toast(t('org.created'), 'success')
      setParams((p) => { p.delete('created'); return p }, { replace: true })
    }
  }, [params, setParams, toast])
  const rows: [string, string][] = [
    [t('org.field.type'), labels.type[o.type]],
    [t('org.field.category'), o.category ? labels.category[o.category] : t('common.none')],
    [t('org.field.pipelineStage'), labels.stage[o.pipelineStage]],
    [t('org.field.amount'), formatMoney(o.amount)],
    [t('org.field.email'), o.email ?? t('common.none')],
    [t('org.field.phone'), o.phone ?? t('common.none')],
    [t('org.field.city'), o.city ?? t('common.none')],
    [t('org.field.owner'), o.ownerName ?? t('common.none')],
    [t('org.field.lastContact'), formatDate(o.lastContactAt)],
  ]
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold" data-testid="organisation-name">{o.name}</h1>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900">
        {rows.map(([k, v]) => (
          <div key={k}><dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
    </div>
  )
}

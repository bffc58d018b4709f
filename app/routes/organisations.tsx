import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/organisations'
import { apiJson } from '../lib/api.server'
import { labels, t } from '../i18n/fr'
import { formatDate, formatMoney } from '../lib/format'
import { inputClass } from '../components/field'
import type { OrganisationDto } from '../../worker/organisations/organisation.service'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.organisations')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const search = new URL(request.url).search
  return apiJson<{ data: OrganisationDto[]; nextCursor: string | null }>(context, `/api/v1/organisations${search}`)
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const next = new URLSearchParams(params)
  if (loaderData.nextCursor) next.set('cursor', loaderData.nextCursor)
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('nav.organisations')}</h1>
        <div className="flex-1" />
        <Link to="/organisations/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">+ {t('org.new')}</Link>
      </div>
      <Form method="get" className="flex flex-wrap gap-2" role="search">
        <input name="q" defaultValue={params.get('q') ?? ''} placeholder={t('common.search')} aria-label={t('common.search')} className={`${inputClass} max-w-xs`} />
        <select name="stage" defaultValue={params.get('stage') ?? ''} aria-label={t('org.field.pipelineStage')} className={`${inputClass} w-auto`}>
          <option value="">{t('org.field.pipelineStage')} : {t('common.all')}</option>
          {Object.entries(labels.stage).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">{t('common.filter')}</button>
      </Form>
      {loaderData.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">{t('org.list.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="organisation-list">
          {loaderData.data.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
              <Link to={`/organisations/${o.id}`} className="min-w-0 flex-1 truncate font-medium text-blue-800 hover:underline dark:text-blue-300">{o.name}</Link>
              <span className="text-sm text-slate-600 dark:text-slate-400">{labels.type[o.type]}</span>
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">{labels.stage[o.pipelineStage]}</span>
              {o.isStale ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">{t('org.stale')}</span> : null}
              <span className="w-28 text-right text-sm tabular-nums">{formatMoney(o.amount)}</span>
              <span className="hidden w-28 text-right text-sm text-slate-600 sm:inline dark:text-slate-400">{o.city ?? t('common.none')}</span>
              <span className="hidden w-28 text-right text-xs text-slate-500 lg:inline dark:text-slate-400">{formatDate(o.lastContactAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {loaderData.nextCursor ? <Link to={`?${next}`} className="inline-block text-blue-700 underline dark:text-blue-400">{t('org.list.more')}</Link> : null}
    </div>
  )
}

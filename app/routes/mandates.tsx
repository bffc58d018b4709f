// Mandates: filter by status, search by number, "Afficher plus".
import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/mandates'
import { apiJson } from '../lib/api.server'
import { labels, t } from '../i18n/fr'
import { useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import { listQuery } from '../lib/list-query'
import type { MandateDto, Page } from '../lib/types'
import { inputClass } from '../components/field'
import { ExportMenu } from '../components/export-menu'
import { LoadMore } from '../components/load-more'
import { MandateList } from '../components/mandate-list'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { btn, cx } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.mandates')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const query = new URLSearchParams({ limit: '50' })
  for (const k of ['q', 'status', 'sort', 'cursor']) {
    const v = url.searchParams.get(k)?.trim()
    if (v) query.set(k, v)
  }
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
      <Form method="get" action="/mandates" role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-40 flex-1 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('mandate.field.number')}
          <input
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder="M-2026-001"
            className={cx(inputClass, 'text-sm')}
          />
        </label>
        <label className="flex w-48 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('mandate.field.status')}
          <select
            name="status"
            defaultValue={params.get('status') ?? ''}
            className={cx(inputClass, 'text-sm')}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="">{t('common.all')}</option>
            {Object.entries(labels.mandateStatus).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={btn.secondary}>
          {t('common.filter')}
        </button>
      </Form>
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState title={t('mandate.none')} action={add} />
        ) : (
          <MandateList mandates={more.items} />
        )}
      </Pending>
      <LoadMore more={more} />
    </div>
  )
}

// The product catalogue (ISIN), shared by every team; managers and admins maintain it.
import { useState } from 'react'
import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/products'
import { apiJson } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { labels, t } from '../i18n/fr'
import { useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useMore } from '../lib/use-more'
import type { Page, ProductDto } from '../lib/types'
import { ProductCreate } from '../../worker/products/product.schema'
import { DialogForm } from '../components/dialog-form'
import { inputClass } from '../components/field'
import { LoadMore } from '../components/load-more'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { ProductFields } from '../components/product-fields'
import { btn, card, cx, link, muted, neutralBadge } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.products')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const query = new URLSearchParams({ limit: '50' })
  for (const k of ['q', 'category', 'active', 'cursor']) {
    const v = url.searchParams.get(k)?.trim()
    if (v) query.set(k, v)
  }
  return apiJson<Page<ProductDto>>(context, `/api/v1/products?${query}`)
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToJson(await request.formData())
  return submit(context, '/api/v1/products', 'POST', values, t('product.created'))
}

export default function Products({ loaderData }: Route.ComponentProps) {
  useFlash()
  const can = useCan()
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  const [adding, setAdding] = useState(false)
  const add = can('products:create') ? (
    <button type="button" className={btn.primary} onClick={() => setAdding(true)}>
      + {t('product.new')}
    </button>
  ) : null
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.products')} actions={add} />
      <Form method="get" action="/products" role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('common.search')}
          <input
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('product.search.placeholder')}
            className={cx(inputClass, 'text-sm')}
          />
        </label>
        <label className="flex w-44 flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
          {t('org.field.category')}
          <select
            name="category"
            defaultValue={params.get('category') ?? ''}
            className={cx(inputClass, 'text-sm')}
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="">{t('common.allF')}</option>
            {Object.entries(labels.category).map(([v, l]) => (
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
          <EmptyState title={t('product.empty')} action={add} />
        ) : (
          <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="product-list">
            {more.items.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link to={`/products/${p.id}`} className={cx(link, 'font-medium')}>
                    {p.name}
                  </Link>
                  <p className={cx(muted, 'font-mono text-sm')}>{p.isin}</p>
                </div>
                {p.category ? <span className={neutralBadge}>{labels.category[p.category]}</span> : null}
                {!p.isActive ? <span className={neutralBadge}>{t('product.inactive')}</span> : null}
                {p.issuerId ? (
                  <Link to={`/organisations/${p.issuerId}`} className={cx(link, 'text-sm')}>
                    {p.issuerName}
                  </Link>
                ) : (
                  <span className={cx(muted, 'text-sm')}>{t('common.none')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Pending>
      <LoadMore more={more} />
      <DialogForm
        open={adding}
        onClose={() => setAdding(false)}
        title={t('product.new')}
        intent="create"
        submitLabel={t('common.create')}
        schema={ProductCreate}
      >
        {(field) => <ProductFields field={field} />}
      </DialogForm>
    </div>
  )
}

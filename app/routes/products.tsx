// The product catalogue (ISIN), shared by every team; managers and admins maintain it.
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
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
import { FilterBar, FilterInput, FilterSelect, ListResults, listCard, listRow } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/page'
import { ProductFields } from '../components/product-fields'
import { btn, cx, link, muted, neutralBadge } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.products')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, ['q', 'category', 'active'])
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
      <FilterBar action="/products">
        <FilterInput
          label={t('common.search')}
          className="min-w-48 flex-1"
          type="search"
          name="q"
          defaultValue={params.get('q') ?? ''}
          placeholder={t('product.search.placeholder')}
        />
        <FilterSelect
          label={t('org.field.category')}
          className="w-44"
          name="category"
          defaultValue={params.get('category') ?? ''}
          all={t('common.allF')}
          options={Object.entries(labels.category)}
          submitOnChange
        />
      </FilterBar>
      <ListResults more={more} empty={<EmptyState title={t('product.empty')} action={add} />}>
        {(products) => (
          <ul className={listCard} data-testid="product-list">
            {products.map((p) => (
              <li key={p.id} className={listRow}>
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
      </ListResults>
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

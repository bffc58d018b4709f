// The product catalogue (ISIN), shared by every team; managers and admins maintain it.
import { useState } from 'react'
import { Link } from 'react-router'
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
import { ListPage, listCard, listRow } from '../components/list-page'
import { EmptyState } from '../components/page'
import { ProductFields } from '../components/product-fields'
import { btn, cx, link, muted, neutralBadge } from '../components/ui'

// What the list is filtered by, in the address and in the API's query.
const FILTERS = ['q', 'category', 'active'] as const

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.products')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const query = pageQuery(request, FILTERS)
  return apiJson<Page<ProductDto>>(context, `/api/v1/products?${query}`)
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToJson(await request.formData())
  return submit(context, '/api/v1/products', 'POST', values, t('product.created'))
}

export default function Products({ loaderData }: Route.ComponentProps) {
  useFlash()
  const can = useCan()
  const more = useMore(loaderData)
  const [adding, setAdding] = useState(false)
  const add = can('products:create') ? (
    <button type="button" className={btn.primary} onClick={() => setAdding(true)}>
      + {t('product.new')}
    </button>
  ) : null
  return (
    <ListPage
      title={t('nav.products')}
      actions={add}
      action="/products"
      search={{ label: t('common.search'), placeholder: t('product.search.placeholder') }}
      select={{
        name: 'category',
        label: t('org.field.category'),
        all: t('common.allF'),
        options: Object.entries(labels.category),
      }}
      more={more}
      empty={<EmptyState title={t('product.empty')} action={add} />}
      dialogs={
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
      }
    >
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
    </ListPage>
  )
}

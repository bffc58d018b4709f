// A product: its details (editable by who may), and the mandates that include it.
import { useState } from 'react'
import { redirect, useActionData, useFetcher, useNavigation } from 'react-router'
import type { Route } from './+types/products.$id'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson, useSchemaForm } from '../lib/forms'
import { tryList } from '../lib/lookups.server'
import { flashUrl, useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { labels, t } from '../i18n/fr'
import type { MandateDto, ProductDto } from '../lib/types'
import { ProductCreate } from '../../worker/products/product.schema'
import { ConfirmDialog } from '../components/dialog'
import { FormAlert } from '../components/field'
import { FormActions, RecordForm } from '../components/record-form'
import { MandateList } from '../components/mandate-list'
import { Breadcrumb, PageHeader } from '../components/page'
import { ProductFields } from '../components/product-fields'
import { btn, card, cx, h2, muted } from '../components/ui'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.product.name ?? ''} · ${t('app.name')}` }]

export async function loader({ params, context }: Route.LoaderArgs) {
  const id = encodeURIComponent(params.id)
  const [product, mandates] = await Promise.all([
    apiJson<ProductDto>(context, `/api/v1/products/${id}`),
    tryList<MandateDto>(context, `/api/v1/mandats?productId=${id}&limit=50`),
  ])
  return { product, mandates: mandates.data }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData()
  const id = encodeURIComponent(params.id)
  if (form.get('intent') === 'delete') {
    const r = await apiSubmit(context, `/api/v1/products/${id}`, 'DELETE')
    return r.ok ? redirect(flashUrl('/products', 'product.deleted')) : { error: r.problem.detail ?? t('common.failed') }
  }
  const values = formToJson(form, { booleans: ['isActive'] })
  const r = await apiSubmit<ProductDto>(context, `/api/v1/products/${id}`, 'PATCH', values)
  if (!r.ok) {
    const errors = errorsByField(r.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : r.problem.detail }
  }
  return redirect(flashUrl(`/products/${params.id}`, 'product.updated'))
}

export default function ProductDetail({ loaderData }: Route.ComponentProps) {
  useFlash()
  const { product: p, mandates } = loaderData
  const can = useCan()
  const data = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const fetcher = useFetcher<{ error?: string }>()
  const [deleting, setDeleting] = useState(false)
  useAnswerToast(fetcher.data, fetcher.state, () => setDeleting(false))
  const errors = data && 'errors' in data ? data.errors : undefined
  const { formRef, onSubmit, field } = useSchemaForm(ProductCreate, errors, { booleans: ['isActive'] })
  useSaveShortcut(formRef)
  const canEdit = can('products:update')
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Breadcrumb to="/products" label={t('nav.products')} />
      <PageHeader
        title={p.name}
        subtitle={<span className="font-mono">{p.isin}</span>}
        actions={
          can('products:delete') ? (
            <button type="button" className={btn.secondary} onClick={() => setDeleting(true)}>
              {t('common.delete')}
            </button>
          ) : null
        }
      />
      {canEdit ? (
        <RecordForm formRef={formRef} onSubmit={onSubmit} testId="product-form" className="space-y-4 p-4 md:p-6">
          <FormAlert>{data && 'detail' in data ? data.detail : undefined}</FormAlert>
          <ProductFields field={field} product={p} edit />
          <FormActions busy={busy} label={t('common.save')} className="" />
        </RecordForm>
      ) : (
        <dl className={cx(card, 'grid gap-3 p-4 sm:grid-cols-2')}>
          <div>
            <dt className={cx(muted, 'text-xs uppercase')}>{t('org.field.category')}</dt>
            <dd>{p.category ? labels.category[p.category] : t('common.none')}</dd>
          </div>
          <div>
            <dt className={cx(muted, 'text-xs uppercase')}>{t('product.field.issuer')}</dt>
            <dd>{p.issuerName ?? t('common.none')}</dd>
          </div>
          <div className="sm:col-span-2">
            <dt className={cx(muted, 'text-xs uppercase')}>{t('product.field.description')}</dt>
            <dd>{p.description ?? t('common.none')}</dd>
          </div>
        </dl>
      )}
      <section className="space-y-2" aria-labelledby="product-mandates">
        <h2 id="product-mandates" className={h2}>
          {t('nav.mandates')}
        </h2>
        {mandates.length ? (
          <MandateList mandates={mandates} />
        ) : (
          <p className={cx(muted, 'text-sm')}>{t('mandate.none')}</p>
        )}
      </section>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        busy={fetcher.state !== 'idle'}
        title={t('product.delete.title')}
        body={t('product.delete.body', { name: p.name })}
        confirmLabel={t('common.delete')}
        onConfirm={() => fetcher.submit({ intent: 'delete' }, { method: 'post' })}
      />
    </div>
  )
}

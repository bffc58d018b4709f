// Mandate fields shared by creation and edition: products (checkboxes), dates, amount, notes.
import { t } from '../i18n/fr'
import { toDateInput } from '../lib/format'
import type { MandateDto, ProductDto } from '../lib/types'
import { Field, TextareaField } from './field'

type FieldFn = (name: string) => { name: string; error?: string; required?: boolean; maxLength?: number }

export function MandateFields({
  field,
  products,
  mandate,
  values,
}: {
  field: FieldFn
  products: ProductDto[]
  mandate?: MandateDto
  values?: Record<string, unknown>
}) {
  const chosen = new Set((values?.productIds as string[] | undefined) ?? mandate?.products.map((p) => p.id) ?? [])
  const productError = field('productIds').error
  // A product no longer in the active catalogue stays listed while the mandate holds it.
  const list = [
    ...products,
    ...(mandate?.products.filter((p) => !products.some((x) => x.id === p.id)).map((p) => ({ ...p, category: null })) ??
      []),
  ]
  const v = (k: string) => values?.[k] as string | undefined
  return (
    <>
      <fieldset className="sm:col-span-2" aria-describedby={productError ? 'mandate-products-error' : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('mandate.field.products')}
        </legend>
        {list.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('product.empty')}</p>
        ) : (
          <div
            className={
              'grid max-h-64 gap-1 overflow-y-auto rounded-md border border-slate-300 p-2 sm:grid-cols-2 ' +
              'dark:border-slate-600'
            }
          >
            {list.map((p) => (
              <label
                key={p.id}
                className={
                  'flex min-h-11 cursor-pointer items-center gap-3 rounded px-2 text-sm hover:bg-slate-50 ' +
                  'dark:hover:bg-slate-800'
                }
              >
                <input
                  type="checkbox"
                  name="productIds"
                  value={p.id}
                  defaultChecked={chosen.has(p.id)}
                  className="h-5 w-5 accent-blue-700"
                />
                <span className="min-w-0">
                  <span className="block truncate">{p.name}</span>
                  <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{p.isin}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        {productError ? (
          <p id="mandate-products-error" className="mt-1 text-sm text-red-700 dark:text-red-300">
            {productError}
          </p>
        ) : null}
      </fieldset>
      <Field
        label={t('mandate.field.startDate')}
        {...field('startDate')}
        type="date"
        defaultValue={v('startDate') ?? toDateInput(mandate?.startDate)}
      />
      <Field
        label={t('mandate.field.endDate')}
        {...field('endDate')}
        type="date"
        defaultValue={v('endDate') ?? toDateInput(mandate?.endDate)}
      />
      <Field
        label={t('mandate.field.amount')}
        {...field('amount')}
        inputMode="decimal"
        defaultValue={v('amount') ?? mandate?.amount ?? undefined}
        hint={t('org.field.amount.hint')}
      />
      <TextareaField
        label={t('org.field.notes')}
        {...field('notes')}
        defaultValue={v('notes') ?? mandate?.notes ?? undefined}
        className="sm:col-span-2"
        rows={3}
      />
    </>
  )
}

// Product fields, shared by the creation dialog and the edit page.
import { CATEGORIES } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { EntityPicker } from './entity-picker'
import { CheckboxField, Field, SelectField, TextareaField } from './field'
import type { ProductDto } from '../lib/types'

type FieldFn = (name: string) => { name: string; error?: string; required?: boolean; maxLength?: number }

export function ProductFields({
  field,
  product,
  edit = false,
}: {
  field: FieldFn
  product?: ProductDto
  edit?: boolean
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        label={t('product.field.name')}
        {...field('name')}
        defaultValue={product?.name}
        className="sm:col-span-2"
        autoFocus
      />
      <Field
        label={t('product.field.isin')}
        {...field('isin')}
        defaultValue={product?.isin}
        hint={t('product.field.isin.hint')}
        autoCapitalize="characters"
        spellCheck={false}
        className="font-mono"
      />
      <SelectField
        label={t('org.field.category')}
        {...field('category')}
        defaultValue={product?.category ?? ''}
        empty={t('common.none')}
        options={CATEGORIES.map((c) => ({ value: c, label: labels.category[c] }))}
      />
      <EntityPicker
        kind="organisations"
        filter="&type=EMETTEUR"
        label={t('product.field.issuer')}
        {...field('issuerId')}
        className="sm:col-span-2"
        defaultValue={product?.issuerId ? { id: product.issuerId, label: product.issuerName ?? '' } : null}
      />
      <TextareaField
        label={t('product.field.description')}
        {...field('description')}
        defaultValue={product?.description ?? undefined}
        className="sm:col-span-2"
        rows={3}
      />
      {edit ? (
        <CheckboxField
          label={t('product.field.isActive')}
          name="isActive"
          defaultChecked={product?.isActive !== false}
        />
      ) : null}
    </div>
  )
}

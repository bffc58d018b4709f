import { redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/mandates.new'
import { requirePermission } from '../lib/guards.server'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson, useSchemaForm } from '../lib/forms'
import { tryList } from '../lib/lookups.server'
import { flashUrl } from '../lib/use-flash'
import { useSaveShortcut } from '../lib/use-shortcuts'
import { labels, t } from '../i18n/fr'
import type { OrganisationDto, ProductDto } from '../lib/types'
import { MANDATE_INITIAL_STATUSES, MandateCreate } from '../../worker/mandates/mandate.schema'
import { EntityPicker } from '../components/entity-picker'
import { FormAlert, SelectField } from '../components/field'
import { FormActions, RecordForm } from '../components/record-form'
import { MandateFields } from '../components/mandate-fields'
import { PageHeader } from '../components/page'

export const meta: Route.MetaFunction = () => [{ title: `${t('mandate.new')} · ${t('app.name')}` }]
const SHAPE = { arrays: ['productIds'] }

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(context, 'mandates:create')
  const orgId = new URL(request.url).searchParams.get('organisationId')
  const [products, org] = await Promise.all([
    tryList<ProductDto>(context, '/api/v1/products?active=true&limit=100'),
    orgId
      ? apiJson<OrganisationDto>(context, `/api/v1/organisations/${encodeURIComponent(orgId)}`).catch(() => null)
      : null,
  ])
  return { products: products.data, organisation: org ? { id: org.id, label: org.name } : null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToJson(await request.formData(), SHAPE)
  const r = await apiSubmit<{ id: string; number: string }>(context, '/api/v1/mandats', 'POST', values)
  if (!r.ok) {
    const errors = errorsByField(r.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : r.problem.detail, values }
  }
  return redirect(flashUrl(`/mandates/${r.data.id}`, 'mandate.created', r.data.number))
}

export default function NewMandate({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const { formRef, onSubmit, field } = useSchemaForm(MandateCreate, data?.errors, SHAPE)
  useSaveShortcut(formRef)
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('mandate.new')} subtitle={t('mandate.new.hint')} />
      <RecordForm formRef={formRef} onSubmit={onSubmit} testId="mandate-form">
        <FormAlert>{data?.detail}</FormAlert>
        <EntityPicker
          kind="organisations"
          label={t('mandate.field.organisation')}
          {...field('organisationId')}
          defaultValue={loaderData.organisation}
          className="sm:col-span-2"
        />
        <SelectField
          label={t('mandate.field.status')}
          {...field('status')}
          defaultValue="BROUILLON"
          className="sm:col-span-2"
          options={MANDATE_INITIAL_STATUSES.map((s) => ({ value: s, label: labels.mandateStatus[s] }))}
        />
        <MandateFields field={field} products={loaderData.products} values={data?.values} />
        <FormActions
          busy={busy}
          label={t('common.create')}
          cancelTo={loaderData.organisation ? `/organisations/${loaderData.organisation.id}/mandates` : '/mandates'}
          saveHint={false}
        />
      </RecordForm>
    </div>
  )
}

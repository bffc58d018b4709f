import { Form, redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/organisations.new'
import { apiSubmit, fieldErrors } from '../lib/api.server'
import { labels, t } from '../i18n/fr'
import { Field, SelectField } from '../components/field'
import type { OrganisationDto } from '../../worker/organisations/organisation.service'

export const meta: Route.MetaFunction = () => [{ title: `${t('org.new')} · ${t('app.name')}` }]

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))

export async function action({ request, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData()) as Record<string, string>
  const result = await apiSubmit<OrganisationDto>(context, '/api/v1/organisations', 'POST', form)
  if (!result.ok) return { errors: fieldErrors(result.problem), detail: result.problem.detail, values: form }
  return redirect(`/organisations/${result.data.id}?created=1`)
}

export default function NewOrganisation() {
  const data = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const e = data?.errors ?? {}
  const v = data?.values ?? {}
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t('org.new')}</h1>
      <Form method="post" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900" noValidate>
        {data?.detail ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 sm:col-span-2 dark:bg-red-950 dark:text-red-200">{data.detail}</p> : null}
        <Field label={t('org.field.name')} name="name" required defaultValue={v.name} error={e.name} className="sm:col-span-2" autoFocus />
        <SelectField label={t('org.field.type')} name="type" required options={opts(labels.type)} empty="" defaultValue={v.type} error={e.type} />
        <SelectField label={t('org.field.category')} name="category" options={opts(labels.category)} empty="—" defaultValue={v.category} error={e.category} />
        <SelectField label={t('org.field.pipelineStage')} name="pipelineStage" options={opts(labels.stage)} defaultValue={v.pipelineStage ?? 'PROSPECT'} error={e.pipelineStage} />
        <Field label={t('org.field.amount')} name="amount" inputMode="decimal" defaultValue={v.amount} error={e.amount} />
        <Field label={t('org.field.email')} name="email" type="email" defaultValue={v.email} error={e.email} />
        <Field label={t('org.field.phone')} name="phone" type="tel" defaultValue={v.phone} error={e.phone} />
        <Field label={t('org.field.website')} name="website" defaultValue={v.website} error={e.website} />
        <Field label={t('org.field.city')} name="city" defaultValue={v.city} error={e.city} />
        <Field label={t('org.field.postalCode')} name="postalCode" defaultValue={v.postalCode} error={e.postalCode} />
        <div className="flex gap-2 sm:col-span-2">
          <button type="submit" disabled={busy} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">{busy ? t('common.loading') : t('org.create')}</button>
        </div>
      </Form>
    </div>
  )
}

import { redirect, useActionData } from 'react-router'
import type { Route } from './+types/organisations.$id.edit'
import { requirePermission } from '../lib/guards.server'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { loadUsers } from '../lib/lookups.server'
import { flashUrl, useFlash } from '../lib/use-flash'
import { t } from '../i18n/fr'
import { OrganisationForm } from '../components/organisation-form'
import { Breadcrumb, PageHeader } from '../components/page'
import type { OrganisationDto } from '../lib/types'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${t('org.edit')} · ${data?.org.name ?? ''} · ${t('app.name')}` },
]

export async function loader({ params, context }: Route.LoaderArgs) {
  await requirePermission(context, 'organisations:update')
  const [org, owners] = await Promise.all([
    apiJson<OrganisationDto>(context, `/api/v1/organisations/${encodeURIComponent(params.id)}`),
    loadUsers(context),
  ])
  return { org, owners }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = formToJson(await request.formData(), { booleans: ['isActive'] })
  // An empty owner means "leave it as it is" (edit) or "me" (create): the API decides.
  if (form.ownerId === '') delete form.ownerId
  const result = await apiSubmit<OrganisationDto>(
    context,
    `/api/v1/organisations/${encodeURIComponent(params.id)}`,
    'PATCH',
    form,
  )
  if (!result.ok) {
    const errors = errorsByField(result.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : result.problem.detail, values: form }
  }
  return redirect(flashUrl(`/organisations/${params.id}`, 'org.updated'))
}

export default function EditOrganisation({ loaderData }: Route.ComponentProps) {
  useFlash()
  const data = useActionData<typeof action>()
  const { org, owners } = loaderData
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb to={`/organisations/${org.id}`} label={org.name} />
      <PageHeader title={t('org.edit')} />
      <OrganisationForm
        mode="edit"
        values={data?.values ?? org}
        errors={data?.errors}
        detail={data?.detail}
        owners={owners}
        cancelTo={`/organisations/${org.id}`}
      />
    </div>
  )
}

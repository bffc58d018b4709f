import { redirect, useActionData } from 'react-router'
import type { Route } from './+types/organisations.new'
import { requirePermission } from '../lib/guards.server'
import { apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { loadUsers } from '../lib/lookups.server'
import { flashUrl } from '../lib/use-flash'
import { t } from '../i18n/fr'
import { OrganisationForm } from '../components/organisation-form'
import { PageHeader } from '../components/page'
import type { OrganisationDto } from '../../worker/organisations/organisation.service'

export const meta: Route.MetaFunction = () => [{ title: `${t('org.new')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  await requirePermission(context, 'organisations:create')
  return { owners: await loadUsers(context) }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = formToJson(await request.formData())
  // An empty owner means "leave it as it is" (edit) or "me" (create): the API decides.
  if (form.ownerId === '') delete form.ownerId
  const result = await apiSubmit<OrganisationDto>(context, '/api/v1/organisations', 'POST', form)
  if (!result.ok)
    return {
      errors: errorsByField(result.problem),
      detail: result.problem.errors?.length ? undefined : result.problem.detail,
      values: form,
    }
  return redirect(flashUrl(`/organisations/${result.data.id}`, 'org.created'))
}

export default function NewOrganisation({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('org.new')} />
      <OrganisationForm
        mode="create"
        values={data?.values}
        errors={data?.errors}
        detail={data?.detail}
        owners={loaderData.owners}
        cancelTo="/organisations"
      />
    </div>
  )
}

import { redirect, useActionData } from 'react-router'
import type { Route } from './+types/people.new'
import { requirePermission } from '../lib/guards.server'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { loadUsers } from '../lib/lookups.server'
import { flashUrl } from '../lib/use-flash'
import { t } from '../i18n/fr'
import { PersonForm } from '../components/person-form'
import { PageHeader } from '../components/page'
import type { OrganisationDto, PersonDto } from '../lib/types'

export const meta: Route.MetaFunction = () => [{ title: `${t('person.new')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(context, 'people:create')
  const orgId = new URL(request.url).searchParams.get('organisationId')
  const [owners, org] = await Promise.all([
    loadUsers(context),
    orgId
      ? apiJson<OrganisationDto>(context, `/api/v1/organisations/${encodeURIComponent(orgId)}`).catch(() => null)
      : null,
  ])
  return { owners, organisation: org ? { id: org.id, label: org.name } : null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const values = formToJson(await request.formData(), { booleans: ['isPrimary'] }) as Record<string, string | boolean>
  const { organisationId, role, workEmail, workPhone, isPrimary, ...person } = values
  if (person.ownerId === '') delete person.ownerId
  const body = {
    ...person,
    organisations: organisationId ? [{ organisationId, role, workEmail, workPhone, isPrimary }] : [],
  }
  const r = await apiSubmit<PersonDto>(context, '/api/v1/people', 'POST', body)
  if (!r.ok) {
    const errors = errorsByField(r.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : r.problem.detail, values }
  }
  return redirect(flashUrl(`/people/${r.data.id}`, 'person.created'))
}

export default function NewPerson({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('person.new')} />
      <PersonForm
        mode="create"
        values={data?.values}
        errors={data?.errors}
        detail={data?.detail}
        owners={loaderData.owners}
        organisation={loaderData.organisation}
        cancelTo="/people"
      />
    </div>
  )
}

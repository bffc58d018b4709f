import { redirect, useActionData } from 'react-router'
import type { Route } from './+types/people.$id.edit'
import { requirePermission } from '../lib/guards.server'
import { apiJson, apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { loadUsers } from '../lib/lookups.server'
import { flashUrl } from '../lib/use-flash'
import { t } from '../i18n/fr'
import { PersonForm } from '../components/person-form'
import { Breadcrumb, PageHeader } from '../components/page'
import type { PersonDto } from '../lib/types'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${t('person.edit')} · ${data?.person.fullName ?? ''} · ${t('app.name')}` },
]

export async function loader({ params, context }: Route.LoaderArgs) {
  await requirePermission(context, 'people:update')
  const [person, owners] = await Promise.all([
    apiJson<PersonDto>(context, `/api/v1/people/${encodeURIComponent(params.id)}`),
    loadUsers(context),
  ])
  return { person, owners }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const values = formToJson(await request.formData()) as Record<string, string>
  if (values.ownerId === '') delete values.ownerId
  const r = await apiSubmit<PersonDto>(context, `/api/v1/people/${encodeURIComponent(params.id)}`, 'PATCH', values)
  if (!r.ok) {
    const errors = errorsByField(r.problem)
    return { errors, detail: Object.keys(errors).length ? undefined : r.problem.detail, values }
  }
  return redirect(flashUrl(`/people/${params.id}`, 'person.updated'))
}

export default function EditPerson({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  const { person, owners } = loaderData
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb to={`/people/${person.id}`} label={person.fullName} />
      <PageHeader title={t('person.edit')} />
      <PersonForm
        mode="edit"
        values={data?.values ?? person}
        errors={data?.errors}
        detail={data?.detail}
        owners={owners}
        cancelTo={`/people/${person.id}`}
      />
    </div>
  )
}

// An organisation's contacts: the people linked to it, with their role and work details there.
// "+ Ajouter un contact" creates the person already linked (guide 1, step 3); an existing person
// can be linked too; one contact is the primary one.
import { useState } from 'react'
import { Link, useFetcher, useRouteLoaderData } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/organisations.$id.contacts'
import type { loader as orgLoader } from './organisations.$id'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import type { Page, PersonDto } from '../lib/types'
import { PersonInput, PersonLinkInput } from '../../worker/people/person.schema'
import { DialogForm } from '../components/dialog-form'
import { CheckboxField, Field } from '../components/field'
import { ConfirmDialog } from '../components/dialog'
import { MoreMenu } from '../components/menu'
import { EmptyState } from '../components/page'
import { EntityPicker } from '../components/entity-picker'
import { badge, btn, card, cx, link, muted } from '../components/ui'

const NewContact = PersonInput.pick({ firstName: true, lastName: true, jobTitle: true }).extend(
  PersonLinkInput.pick({ workEmail: true, workPhone: true, isPrimary: true }).shape,
)
const LinkExisting = PersonLinkInput.pick({ role: true, workEmail: true, workPhone: true, isPrimary: true }).extend({
  personId: z.string().uuid(t('contact.pickPerson')),
})

export async function loader({ params, context }: Route.LoaderArgs) {
  return apiJson<Page<PersonDto>>(context, `/api/v1/people?organisationId=${encodeURIComponent(params.id)}&limit=100`)
}

export async function action({ request, params, context }: Route.ActionArgs): Promise<Answer> {
  const form = await request.formData()
  const intent = form.get('intent')
  const orgId = params.id
  const values = formToJson(form, { booleans: ['isPrimary'] }) as Record<string, string | boolean>
  if (intent === 'create') {
    const { firstName, lastName, jobTitle, workEmail, workPhone, isPrimary } = values
    return submit(
      context,
      '/api/v1/people',
      'POST',
      {
        firstName,
        lastName,
        jobTitle,
        organisations: [{ organisationId: orgId, role: jobTitle, workEmail, workPhone, isPrimary }],
      },
      t('contact.added'),
    )
  }
  const person = `/api/v1/people/${encodeURIComponent(String(values.personId ?? ''))}/organisations`
  if (intent === 'link') {
    const { role, workEmail, workPhone, isPrimary } = values
    return submit(
      context,
      person,
      'POST',
      { organisationId: orgId, role, workEmail, workPhone, isPrimary },
      t('contact.linked'),
    )
  }
  if (intent === 'primary')
    return submit(context, `${person}/${encodeURIComponent(orgId)}`, 'PATCH', { isPrimary: true }, t('contact.updated'))
  if (intent === 'unlink')
    return submit(context, `${person}/${encodeURIComponent(orgId)}`, 'DELETE', undefined, t('contact.unlinked'))
  return { error: t('common.failed') }
}

export default function OrganisationContacts({ loaderData }: Route.ComponentProps) {
  const o = useRouteLoaderData<typeof orgLoader>('routes/organisations.$id')!
  const can = useCan()
  const [adding, setAdding] = useState<null | 'new' | 'existing'>(null)
  const [unlinking, setUnlinking] = useState<PersonDto | null>(null)
  const fetcher = useFetcher<Answer>()
  useAnswerToast(fetcher.data, fetcher.state, () => setUnlinking(null))
  const canEdit = can('people:update')
  const people = loaderData.data
  const act = (intent: string, personId: string) => fetcher.submit({ intent, personId }, { method: 'post' })
  return (
    <section className="space-y-3" aria-label={t('org.tab.contacts')}>
      {can('people:create') ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={btn.primary} onClick={() => setAdding('new')} data-testid="add-contact">
            + {t('contact.add')}
          </button>
          {canEdit ? (
            <button type="button" className={btn.secondary} onClick={() => setAdding('existing')}>
              {t('contact.linkExisting')}
            </button>
          ) : null}
        </div>
      ) : null}
      {people.length === 0 ? (
        <EmptyState title={t('contact.empty')} body={t('contact.empty.body')} />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="contact-list">
          {people.map((p) => {
            const l = p.organisations.find((x) => x.organisationId === o.id)
            return (
              <li key={p.id} className={cx(card, 'flex gap-3 p-4')}>
                <div className="min-w-0 flex-1 space-y-0.5">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link to={`/people/${p.id}`} className={cx(link, 'font-medium')}>
                      {p.fullName}
                    </Link>
                    {l?.isPrimary ? (
                      <span className={cx(badge, 'bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100')}>
                        {t('contact.primary')}
                      </span>
                    ) : null}
                  </div>
                  {l?.role || p.jobTitle ? <p className={cx(muted, 'text-sm')}>{l?.role ?? p.jobTitle}</p> : null}
                  {(l?.workEmail ?? p.personalEmail) ? (
                    <p className="text-sm">
                      <a className={link} href={`mailto:${l?.workEmail ?? p.personalEmail}`}>
                        {l?.workEmail ?? p.personalEmail}
                      </a>
                    </p>
                  ) : null}
                  {(l?.workPhone ?? p.personalPhone) ? (
                    <p className="text-sm">
                      <a className={link} href={`tel:${(l?.workPhone ?? p.personalPhone)!.replace(/\s/g, '')}`}>
                        {l?.workPhone ?? p.personalPhone}
                      </a>
                    </p>
                  ) : null}
                </div>
                {canEdit ? (
                  <MoreMenu
                    ariaLabel={t('contact.actionsFor', { name: p.fullName })}
                    items={[
                      ...(l?.isPrimary
                        ? []
                        : [{ label: t('contact.makePrimary'), onSelect: () => act('primary', p.id) }]),
                      { label: t('contact.unlink'), tone: 'danger' as const, onSelect: () => setUnlinking(p) },
                    ]}
                  />
                ) : null}
              </li>
            )
          })}
        </ul>
      )}
      <DialogForm
        open={adding === 'new'}
        onClose={() => setAdding(null)}
        title={t('contact.add')}
        description={o.name}
        intent="create"
        submitLabel={t('common.add')}
        schema={NewContact}
        shape={{ booleans: ['isPrimary'] }}
        testId="contact-dialog"
      >
        {(field) => (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('person.field.firstName')} {...field('firstName')} autoComplete="off" />
            <Field label={t('person.field.lastName')} {...field('lastName')} autoComplete="off" />
            <Field label={t('person.field.email')} {...field('workEmail')} type="email" autoComplete="off" />
            <Field label={t('person.field.phone')} {...field('workPhone')} type="tel" autoComplete="off" />
            <Field label={t('person.field.jobTitle')} {...field('jobTitle')} className="sm:col-span-2" />
            <CheckboxField
              label={t('contact.primary.check')}
              name="isPrimary"
              defaultChecked={people.length === 0}
              className="sm:col-span-2"
            />
          </div>
        )}
      </DialogForm>
      <DialogForm
        open={adding === 'existing'}
        onClose={() => setAdding(null)}
        title={t('contact.linkExisting')}
        description={o.name}
        intent="link"
        submitLabel={t('contact.link')}
        schema={LinkExisting}
        shape={{ booleans: ['isPrimary'] }}
      >
        {(field) => (
          <div className="grid gap-4 sm:grid-cols-2">
            <EntityPicker kind="people" label={t('contact.person')} {...field('personId')} className="sm:col-span-2" />
            <Field label={t('contact.role')} {...field('role')} />
            <Field label={t('person.field.email')} {...field('workEmail')} type="email" />
            <Field label={t('person.field.phone')} {...field('workPhone')} type="tel" />
            <CheckboxField label={t('contact.primary.check')} name="isPrimary" className="sm:col-span-2" />
          </div>
        )}
      </DialogForm>
      <ConfirmDialog
        open={!!unlinking}
        onClose={() => setUnlinking(null)}
        busy={fetcher.state !== 'idle'}
        title={t('contact.unlink')}
        body={t('contact.unlink.body', { name: unlinking?.fullName ?? '', org: o.name })}
        confirmLabel={t('contact.unlink')}
        onConfirm={() => unlinking && act('unlink', unlinking.id)}
      />
    </section>
  )
}

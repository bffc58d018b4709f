// A person: contact details, the organisations they work with (role, work details, primary),
// their interactions and tasks.
import { useState } from 'react'
import { Link, redirect, useFetcher } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/people.$id'
import { apiJson, apiSubmit } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { formToJson } from '../lib/forms'
import { tryList } from '../lib/lookups.server'
import { flashUrl, useFlash } from '../lib/use-flash'
import { useCan } from '../lib/use-me'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { t } from '../i18n/fr'
import { formatDate } from '../lib/format'
import type { HistoryEntryDto, InteractionDto, PersonDto, TaskDto } from '../lib/types'
import { PersonLinkInput } from '../../worker/people/person.schema'
import { ConfirmDialog } from '../components/dialog'
import { DialogForm } from '../components/dialog-form'
import { EntityPicker } from '../components/entity-picker'
import { CheckboxField, Field } from '../components/field'
import { HistoryList } from '../components/history-list'
import { InteractionTimeline } from '../components/interaction-timeline'
import { MoreMenu } from '../components/menu'
import { Breadcrumb, PageHeader } from '../components/page'
import { TaskList } from '../components/task-list'
import { badge, btn, card, cx, h2, link, muted } from '../components/ui'

const LinkForm = PersonLinkInput.extend({ organisationId: z.string().uuid(t('person.link.pick')) })

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.person.fullName ?? ''} · ${t('app.name')}` }]

export async function loader({ params, context }: Route.LoaderArgs) {
  const id = encodeURIComponent(params.id)
  const [person, interactions, tasks, history] = await Promise.all([
    apiJson<PersonDto>(context, `/api/v1/people/${id}`),
    tryList<InteractionDto>(context, `/api/v1/interactions?personId=${id}&limit=10`),
    tryList<TaskDto>(context, `/api/v1/tasks?personId=${id}&status=TODO,IN_PROGRESS&limit=20`),
    tryList<HistoryEntryDto>(context, `/api/v1/people/${id}/history?limit=20`),
  ])
  return { person, interactions: interactions.data, tasks: tasks.data, history: history.data }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData()
  const intent = form.get('intent')
  const id = encodeURIComponent(params.id)
  if (intent === 'delete') {
    const r = await apiSubmit(context, `/api/v1/people/${id}`, 'DELETE')
    return r.ok ? redirect(flashUrl('/people', 'person.deleted')) : { error: r.problem.detail ?? t('common.failed') }
  }
  const orgId = encodeURIComponent(String(form.get('organisationId') ?? ''))
  if (intent === 'link') {
    const { organisationId, role, workEmail, workPhone, isPrimary } = formToJson(form, { booleans: ['isPrimary'] })
    return submit(
      context,
      `/api/v1/people/${id}/organisations`,
      'POST',
      { organisationId, role, workEmail, workPhone, isPrimary },
      t('contact.linked'),
    )
  }
  if (intent === 'primary')
    return submit(
      context,
      `/api/v1/people/${id}/organisations/${orgId}`,
      'PATCH',
      { isPrimary: true },
      t('contact.updated'),
    )
  if (intent === 'unlink')
    return submit(context, `/api/v1/people/${id}/organisations/${orgId}`, 'DELETE', undefined, t('contact.unlinked'))
  return { error: t('common.failed') }
}

export default function PersonDetail({ loaderData }: Route.ComponentProps) {
  useFlash()
  const { person: p, interactions, tasks, history } = loaderData
  const can = useCan()
  const fetcher = useFetcher<typeof action>()
  const [linking, setLinking] = useState(false)
  const [deleting, setDeleting] = useState(false)
  useAnswerToast(fetcher.data, fetcher.state, () => setDeleting(false))
  const act = (intent: string, organisationId = '') => fetcher.submit({ intent, organisationId }, { method: 'post' })
  const canEdit = can('people:update')
  const rows: [string, React.ReactNode][] = [
    [t('person.field.jobTitle'), p.jobTitle ?? t('common.none')],
    [
      t('person.field.personalEmail'),
      p.personalEmail ? (
        /* biome-ignore lint/correctness/useJsxKeyInIterable: value of a [label, value] tuple, not a list item; the row
           is keyed by its label where rendered */
        <a className={link} href={`mailto:${p.personalEmail}`}>
          {p.personalEmail}
        </a>
      ) : (
        t('common.none')
      ),
    ],
    [
      t('person.field.personalPhone'),
      p.personalPhone ? (
        /* biome-ignore lint/correctness/useJsxKeyInIterable: value of a [label, value] tuple, not a list item; the row
           is keyed by its label where rendered */
        <a className={link} href={`tel:${p.personalPhone.replace(/\s/g, '')}`}>
          {p.personalPhone}
        </a>
      ) : (
        t('common.none')
      ),
    ],
    [t('org.field.owner'), p.ownerName ?? t('common.none')],
    [t('org.field.createdAt'), formatDate(p.createdAt)],
  ]
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <Breadcrumb to="/people" label={t('nav.people')} />
      <PageHeader
        title={<span data-testid="person-name">{p.fullName}</span>}
        subtitle={p.jobTitle}
        actions={
          <>
            {canEdit ? (
              <Link to={`/people/${p.id}/edit`} className={btn.secondary}>
                {t('common.edit')}
              </Link>
            ) : null}
            {can('people:delete') ? (
              <MoreMenu
                ariaLabel={t('common.moreActions')}
                items={[{ label: t('common.delete'), tone: 'danger', onSelect: () => setDeleting(true) }]}
              />
            ) : null}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <section className={cx(card, 'p-4')} aria-labelledby="person-details">
          <h2 id="person-details" className={cx(h2, 'mb-3')}>
            {t('person.details')}
          </h2>
          <dl className="space-y-3">
            {rows.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{k}</dt>
                <dd className="break-words">{v}</dd>
              </div>
            ))}
          </dl>
          {p.notes ? (
            <p className="mt-3 whitespace-pre-line border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
              {p.notes}
            </p>
          ) : null}
        </section>
        <section className={cx(card, 'p-4 lg:col-span-2')} aria-labelledby="person-orgs">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="person-orgs" className={h2}>
              {t('person.organisations')}
            </h2>
            {canEdit ? (
              <button type="button" className={btn.secondary} onClick={() => setLinking(true)}>
                + {t('person.link.add')}
              </button>
            ) : null}
          </div>
          {p.organisations.length === 0 ? (
            <p className={cx(muted, 'text-sm')}>{t('person.noOrganisation')}</p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {p.organisations.map((l) => (
                <li key={l.organisationId} className="flex items-start gap-3 py-2">
                  <div className="min-w-0 flex-1 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link to={`/organisations/${l.organisationId}`} className={cx(link, 'font-medium')}>
                        {l.organisationName}
                      </Link>
                      {l.isPrimary ? (
                        <span className={cx(badge, 'bg-blue-100 text-blue-900 dark:bg-blue-900/60 dark:text-blue-100')}>
                          {t('contact.primary')}
                        </span>
                      ) : null}
                    </div>
                    <p className={muted}>
                      {[l.role, l.workEmail, l.workPhone].filter(Boolean).join(' · ') || t('common.none')}
                    </p>
                  </div>
                  {canEdit ? (
                    <MoreMenu
                      ariaLabel={t('contact.actionsFor', { name: l.organisationName })}
                      items={[
                        ...(l.isPrimary
                          ? []
                          : [{ label: t('contact.makePrimary'), onSelect: () => act('primary', l.organisationId) }]),
                        {
                          label: t('contact.unlink'),
                          tone: 'danger' as const,
                          onSelect: () => act('unlink', l.organisationId),
                        },
                      ]}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-2" aria-labelledby="person-interactions">
          <h2 id="person-interactions" className={h2}>
            {t('org.tab.interactions')}
          </h2>
          {interactions.length ? (
            <div className={cx(card, 'p-4 pl-8')}>
              <InteractionTimeline items={interactions} showOrganisation />
            </div>
          ) : (
            <p className={cx(muted, 'text-sm')}>{t('interaction.none')}</p>
          )}
        </section>
        <section className="space-y-2" aria-labelledby="person-tasks">
          <h2 id="person-tasks" className={h2}>
            {t('org.tab.tasks')}
          </h2>
          {tasks.length ? (
            <TaskList tasks={tasks} canEdit={can('tasks:update')} />
          ) : (
            <p className={cx(muted, 'text-sm')}>{t('task.none')}</p>
          )}
        </section>
      </div>
      {history.length ? (
        <details className="space-y-2">
          <summary className={cx(h2, 'inline-flex min-h-11 cursor-pointer items-center')}>
            {t('org.tab.history')}
          </summary>
          <HistoryList entries={history} entity="person" />
        </details>
      ) : null}
      <DialogForm
        open={linking}
        onClose={() => setLinking(false)}
        title={t('person.link.add')}
        description={p.fullName}
        intent="link"
        submitLabel={t('contact.link')}
        schema={LinkForm}
        shape={{ booleans: ['isPrimary'] }}
      >
        {(field) => (
          <div className="grid gap-4 sm:grid-cols-2">
            <EntityPicker
              kind="organisations"
              label={t('person.link.organisation')}
              {...field('organisationId')}
              className="sm:col-span-2"
            />
            <Field label={t('contact.role')} {...field('role')} />
            <Field label={t('person.link.workEmail')} {...field('workEmail')} type="email" />
            <Field label={t('person.link.workPhone')} {...field('workPhone')} type="tel" />
            <CheckboxField label={t('contact.primary.check')} name="isPrimary" />
          </div>
        )}
      </DialogForm>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        busy={fetcher.state !== 'idle'}
        title={t('person.delete.title')}
        body={t('person.delete.body', { name: p.fullName })}
        confirmLabel={t('common.delete')}
        onConfirm={() => act('delete')}
      />
    </div>
  )
}

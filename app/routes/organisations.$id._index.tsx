// Organisation overview: its details, and what is happening around it (next tasks, last interactions).
import { useRouteLoaderData } from 'react-router'
import type { Route } from './+types/organisations.$id._index'
import type { loader as orgLoader } from './organisations.$id'
import { tryList } from '../lib/lookups.server'
import { labels, t } from '../i18n/fr'
import { formatDate, formatDateTime, formatMoney, formatRelative } from '../lib/format'
import type { InteractionDto, TaskDto } from '../lib/types'
import { card, cx, h2, link, muted } from '../components/ui'
import { SectionHeading } from '../components/page'

export async function loader({ params, context }: Route.LoaderArgs) {
  const id = encodeURIComponent(params.id)
  const [tasks, interactions] = await Promise.all([
    tryList<TaskDto>(context, `/api/v1/tasks?organisationId=${id}&status=TODO,IN_PROGRESS&limit=5`),
    tryList<InteractionDto>(context, `/api/v1/interactions?organisationId=${id}&limit=3`),
  ])
  return { tasks: tasks.data, interactions: interactions.data }
}

export default function OrganisationOverview({ loaderData }: Route.ComponentProps) {
  const o = useRouteLoaderData<typeof orgLoader>('routes/organisations.$id')!
  const none = t('common.none')
  const rows: [string, React.ReactNode][] = [
    [t('org.field.type'), labels.type[o.type]],
    [t('org.field.category'), o.category ? labels.category[o.category] : none],
    [t('org.field.amount'), formatMoney(o.amount)],
    [t('org.field.owner'), o.ownerName ?? none],
    [
      t('org.field.email'),
      o.email ? (
        /* biome-ignore lint/correctness/useJsxKeyInIterable: value of a [label, value] tuple, not a list item; the row
           is keyed by its label where rendered */
        <a className={link} href={`mailto:${o.email}`}>
          {o.email}
        </a>
      ) : (
        none
      ),
    ],
    [
      t('org.field.phone'),
      o.phone ? (
        /* biome-ignore lint/correctness/useJsxKeyInIterable: value of a [label, value] tuple, not a list item; the row
           is keyed by its label where rendered */
        <a className={link} href={`tel:${o.phone.replace(/\s/g, '')}`}>
          {o.phone}
        </a>
      ) : (
        none
      ),
    ],
    [
      t('org.field.website'),
      o.website ? (
        /* biome-ignore lint/correctness/useJsxKeyInIterable: value of a [label, value] tuple, not a list item; the row
           is keyed by its label where rendered */
        <a className={link} href={o.website} target="_blank" rel="noreferrer noopener">
          {o.website.replace(/^https?:\/\//, '')}
        </a>
      ) : (
        none
      ),
    ],
    [
      t('org.field.address'),
      [o.address, [o.postalCode, o.city].filter(Boolean).join(' '), o.country].filter(Boolean).join(', ') || none,
    ],
    [
      t('org.field.lastContact'),
      o.lastContactAt ? `${formatDate(o.lastContactAt)} (${formatRelative(o.lastContactAt)})` : t('org.neverContacted'),
    ],
    [t('org.field.stageSince'), `${formatDate(o.stageChangedAt)} (${formatRelative(o.stageChangedAt)})`],
    [t('org.field.createdAt'), formatDate(o.createdAt)],
  ]
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <section className={cx(card, 'p-4 lg:col-span-2')} aria-labelledby="org-details">
        <h2 id="org-details" className={cx(h2, 'mb-3')}>
          {t('org.details')}
        </h2>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2" data-testid="organisation-details">
          {rows.map(([k, v]) => (
            <div key={k} className="min-w-0">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
        </dl>
        {o.notes ? (
          <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
            <h3 className="mb-1 text-sm font-semibold">{t('org.field.notes')}</h3>
            <p className="whitespace-pre-line text-sm">{o.notes}</p>
          </div>
        ) : null}
      </section>
      <div className="space-y-4">
        <section className={cx(card, 'p-4')} aria-labelledby="org-next-tasks">
          <SectionHeading id="org-next-tasks" title={t('org.nextTasks')} to="tasks" className="mb-2" />
          {loaderData.tasks.length === 0 ? (
            <p className={cx(muted, 'text-sm')}>{t('task.none')}</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {loaderData.tasks.map((task) => (
                <li key={task.id} className="flex items-baseline justify-between gap-2">
                  <span className="min-w-0">{task.title}</span>
                  <span
                    className={
                      task.isOverdue ? 'shrink-0 font-medium text-red-700 dark:text-red-300' : cx(muted, 'shrink-0')
                    }
                  >
                    {task.dueAt ? formatDate(task.dueAt) : none}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className={cx(card, 'p-4')} aria-labelledby="org-last-interactions">
          <SectionHeading
            id="org-last-interactions"
            title={t('org.lastInteractions')}
            to="interactions"
            className="mb-2"
          />
          {loaderData.interactions.length === 0 ? (
            <p className={cx(muted, 'text-sm')}>{t('interaction.none')}</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {loaderData.interactions.map((i) => (
                <li key={i.id}>
                  <span className="font-medium">{labels.interaction[i.type]}</span> · {i.subject}
                  <br />
                  <span className={cx(muted, 'text-xs')}>
                    {formatDateTime(i.occurredAt)}
                    {i.userName ? ` · ${i.userName}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}

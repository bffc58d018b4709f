// Interactions as a timeline, newest first, with an icon per kind and, where the caller gives
// any, a ⋮ menu of actions per entry.
import { Link } from 'react-router'
import type { InteractionType } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { formatDateTime } from '../lib/format'
import type { InteractionDto } from '../lib/types'
import { type MenuItem, MoreMenu } from './menu'
import { cx, link, muted } from './ui'
import { Icon } from './icon'

export const INTERACTION_ICON: Record<InteractionType, string> = {
  CALL: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  EMAIL: 'M4 6h16v12H4zM4 7l8 6 8-6',
  MEETING: 'M8 7a3 3 0 1 0 0-.01M16 7a3 3 0 1 0 0-.01M3 20v-2a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v2M13 14h4a4 4 0 0 1 4 4v2',
  NOTE: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h5',
}
const TONE: Record<InteractionType, string> = {
  CALL: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  EMAIL: 'bg-violet-100 text-violet-900 dark:bg-violet-900/60 dark:text-violet-100',
  MEETING: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  NOTE: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
}

export function InteractionTimeline({
  items,
  showOrganisation = false,
  actions,
}: {
  items: InteractionDto[]
  showOrganisation?: boolean
  actions?: (i: InteractionDto) => MenuItem[]
}) {
  return (
    <ol
      className="relative space-y-4 border-l-2 border-slate-200 pl-6 dark:border-slate-800"
      data-testid="interaction-timeline"
    >
      {items.map((i) => (
        <li key={i.id} className="relative flex items-start gap-2" data-testid="interaction-entry">
          <span
            className={cx(
              'absolute -left-[2.4rem] top-0 flex h-8 w-8 items-center justify-center rounded-full ring-4 ' +
                'ring-slate-50 dark:ring-slate-950',
              TONE[i.type],
            )}
            aria-hidden="true"
          >
            <Icon path={INTERACTION_ICON[i.type]} className="h-4 w-4" />
          </span>
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
                {labels.interaction[i.type]}
              </span>
              <time dateTime={i.occurredAt} className={cx(muted, 'text-xs')}>
                {formatDateTime(i.occurredAt)}
              </time>
              {i.userName ? <span className={cx(muted, 'text-xs')}>· {i.userName}</span> : null}
            </div>
            <p className="font-medium">{i.subject}</p>
            {showOrganisation && i.organisationId ? (
              <Link to={`/organisations/${i.organisationId}`} className={cx(link, 'text-sm')}>
                {i.organisationName}
              </Link>
            ) : null}
            {i.summary ? (
              <p className="mt-1 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{i.summary}</p>
            ) : null}
            {i.people.length ? (
              <p className={cx(muted, 'mt-1 text-xs')}>
                {i.people.map((p) => `${p.firstName} ${p.lastName}`).join(', ')}
              </p>
            ) : null}
          </div>
          <EntryMenu subject={i.subject} items={actions?.(i) ?? []} />
        </li>
      ))}
    </ol>
  )
}

function EntryMenu({ subject, items }: { subject: string; items: MenuItem[] }) {
  if (!items.length) return null
  return <MoreMenu ariaLabel={t('interaction.actionsFor', { subject })} items={items} testId="interaction-actions" />
}

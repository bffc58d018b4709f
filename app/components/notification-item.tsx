// One notification, as the bell and the Notifications page show it: URGENT and HIGH stand out
// (colour bar and a word, not colour alone), unread ones are tinted; opening one marks it read.
import { Link } from 'react-router'
import { t } from '../i18n/fr'
import { formatDateTime } from '../lib/format'
import type { LiveNotification } from '../lib/use-live-notifications'

const PRIORITY: Record<string, { bar: string; label: string | null; badge: string }> = {
  URGENT: {
    bar: 'border-l-4 border-red-600',
    label: 'Urgent',
    badge: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
  },
  HIGH: {
    bar: 'border-l-4 border-amber-500',
    label: 'Important',
    badge: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  },
  NORMAL: { bar: 'border-l-4 border-transparent', label: null, badge: '' },
  LOW: { bar: 'border-l-4 border-transparent', label: null, badge: '' },
}
export const PRIORITY_LABELS: Record<string, string> = {
  URGENT: 'Urgente',
  HIGH: 'Haute',
  NORMAL: 'Normale',
  LOW: 'Basse',
}

// The API calls the bell and the page share (same origin, the session cookie goes along).
export async function postNotifications(action: 'read' | 'archive', ids: string[] | 'all' | 'read') {
  const res = await fetch(`/api/v1/notifications/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ids }),
  })
  if (!res.ok) throw new Error(t('notifications.error'))
  return ((await res.json()) as { ids: string[] }).ids
}

export function NotificationItem({
  n,
  onOpen,
  onRead,
  onArchive,
}: {
  n: LiveNotification
  onOpen: (n: LiveNotification) => void
  onRead: (n: LiveNotification) => void
  onArchive?: (n: LiveNotification) => void
}) {
  const p = PRIORITY[n.priority] ?? PRIORITY.NORMAL!
  return (
    <li
      data-testid="notification-item"
      data-id={n.id}
      data-priority={n.priority}
      data-unread={!n.readAt}
      className={
        `${p.bar} border-b border-slate-100 px-3 py-2 text-sm last:border-b-0 dark:border-slate-800 ` +
        `${n.readAt ? '' : 'bg-blue-50 dark:bg-blue-950/40'}`
      }
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {p.label ? <span className={`mr-1 rounded px-1.5 text-xs font-semibold ${p.badge}`}>{p.label}</span> : null}
          {n.link ? (
            <Link to={n.link} onClick={() => onOpen(n)} className="font-medium hover:underline">
              {n.title}
            </Link>
          ) : (
            <span className="font-medium">{n.title}</span>
          )}
          {n.message ? <p className="text-slate-700 dark:text-slate-300">{n.message}</p> : null}
          <p className="text-xs text-slate-600 dark:text-slate-400">{formatDateTime(n.createdAt)}</p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          {n.readAt ? null : (
            <button
              type="button"
              onClick={() => onRead(n)}
              className="text-xs text-blue-700 hover:underline dark:text-blue-300"
            >
              {t('notifications.markRead')}
            </button>
          )}
          {onArchive && !n.archivedAt ? (
            <button
              type="button"
              onClick={() => onArchive(n)}
              className="text-xs text-slate-700 hover:underline dark:text-slate-300"
            >
              {t('notifications.archive')}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  )
}

import { useState } from 'react'
import { Link, useRevalidator } from 'react-router'
import { t } from '../i18n/fr'
import { formatDateTime } from '../lib/format'
import { useLiveNotifications, type LiveNotification } from '../lib/use-live-notifications'
import { useToast } from './toasts'

export function NotificationBell({ initial, unread: initialUnread }: { initial: LiveNotification[]; unread: number }) {
  const [items, setItems] = useState(initial)
  const [unread, setUnread] = useState(initialUnread)
  const [open, setOpen] = useState(false)
  const toast = useToast()
  const revalidator = useRevalidator()
  const connected = useLiveNotifications((n) => {
    setItems((all) => [n, ...all.filter((x) => x.id !== n.id)].slice(0, 30))
    setUnread((u) => u + 1)
    toast(`${n.title}${n.message ? ` — ${n.message}` : ''}`)
    // Live data on screen (dashboard, lists) follows the event without a reload.
    if (revalidator.state === 'idle') revalidator.revalidate()
  })
  const markAll = async () => {
    await fetch('/api/v1/notifications/read', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: 'all' }),
    })
    setUnread(0)
    setItems((all) => all.map((x) => ({ ...x, readAt: x.readAt ?? new Date().toISOString() })))
  }
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={`${t('notifications.title')} (${unread})`}
        data-testid="notification-bell"
        className="relative flex h-11 w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span
            data-testid="notification-count"
            className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white"
          >
            {unread}
          </span>
        ) : null}
        <span
          title={connected ? t('notifications.live') : t('notifications.offline')}
          data-testid="live-indicator"
          data-connected={connected}
          className={`absolute bottom-2 right-2 h-2 w-2 rounded-full ${connected ? 'bg-emerald-500' : 'bg-slate-400'}`}
        />
      </button>
      {open ? (
        <div
          className="absolute right-0 z-40 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-xl dark:border-slate-700 dark:bg-slate-900"
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-700">
            <h2 className="font-semibold">{t('notifications.title')}</h2>
            <button
              type="button"
              onClick={markAll}
              className="text-sm text-blue-700 hover:underline dark:text-blue-400"
            >
              {t('notifications.markAll')}
            </button>
          </div>
          <ul className="max-h-96 overflow-auto">
            {items.length === 0 ? (
              <li className="p-3 text-sm text-slate-600 dark:text-slate-400">{t('notifications.empty')}</li>
            ) : null}
            {items.map((n) => (
              <li
                key={n.id}
                className={`border-b border-slate-100 px-3 py-2 text-sm last:border-0 dark:border-slate-800 ${n.readAt ? '' : 'bg-blue-50 dark:bg-blue-950/40'}`}
              >
                {n.link ? (
                  <Link to={n.link} onClick={() => setOpen(false)} className="font-medium hover:underline">
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
                {n.message ? <p className="text-slate-700 dark:text-slate-300">{n.message}</p> : null}
                <p className="text-xs text-slate-500 dark:text-slate-400">{formatDateTime(n.createdAt)}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}

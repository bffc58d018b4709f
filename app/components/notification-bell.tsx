import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useRevalidator } from 'react-router'
import { t } from '../i18n/fr'
import { type LiveNotification, useLiveNotifications } from '../lib/use-live-notifications'
import { NotificationItem, postNotifications } from './notification-item'
import { useToast } from './toasts'
import { Icon } from './icon'

const SHOWN = 20
const REVALIDATE_EVERY_MS = 1000

export function NotificationBell({ initial, unread: initialUnread }: { initial: LiveNotification[]; unread: number }) {
  const [items, setItems] = useState(initial)
  const [unread, setUnread] = useState(initialUnread)
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toast = useToast()
  const revalidator = useRevalidator()
  const lastRevalidate = useRef(0)
  // Ids already counted: a catch-up replays what this page may have loaded already.
  const seen = useRef(new Set(initial.map((n) => n.id)))

  // Live data on screen (dashboard KPIs, lists) follows events without waiting for the poll;
  // at most once a second, so a burst of events costs one reload.
  const refresh = useCallback(() => {
    const now = Date.now()
    if (now - lastRevalidate.current < REVALIDATE_EVERY_MS || revalidator.state !== 'idle') return
    lastRevalidate.current = now
    revalidator.revalidate()
  }, [revalidator])

  const markLocally = (ids: string[], patch: Partial<LiveNotification>) => {
    const set = new Set(ids)
    setItems((all) => all.map((x) => (set.has(x.id) ? { ...x, ...patch } : x)))
  }
  const recount = async () => {
    const res = await fetch('/api/v1/notifications?limit=1')
    if (res.ok) setUnread(((await res.json()) as { unread: number }).unread)
  }

  const connected = useLiveNotifications(
    {
      onNotification: (n, replay) => {
        if (seen.current.has(n.id) || n.archivedAt) return
        seen.current.add(n.id)
        setItems((all) => [n, ...all].sort((a, b) => b.seq - a.seq).slice(0, SHOWN))
        if (!n.readAt && !n.archivedAt) setUnread((u) => u + 1)
        if (!replay) toast(`${n.title}${n.message ? ` — ${n.message}` : ''}`)
        refresh()
      },
      // Another tab or device read or archived: the server sends only ids that changed state.
      onRead: (ids) => {
        markLocally(ids, { readAt: new Date().toISOString() })
        setUnread((u) => Math.max(0, u - ids.length))
      },
      onArchived: (ids) => {
        const set = new Set(ids)
        setItems((all) => all.filter((x) => !set.has(x.id)))
        void recount()
      },
      onChanged: refresh,
    },
    initial.reduce((m, n) => Math.max(m, n.seq ?? 0), 0),
  )

  // The panel closes on Esc and on a click outside it.
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('mousedown', onClick)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('mousedown', onClick)
    }
  }, [open])

  const read = async (ids: string[] | 'all') => {
    try {
      const changed = await postNotifications('read', ids)
      markLocally(changed, { readAt: new Date().toISOString() })
      setUnread((u) => Math.max(0, u - changed.length))
    } catch (error) {
      toast(String((error as Error).message))
    }
  }
  const archive = async (n: LiveNotification) => {
    try {
      await postNotifications('archive', [n.id])
      setItems((all) => all.filter((x) => x.id !== n.id))
      if (!n.readAt) setUnread((u) => Math.max(0, u - 1))
    } catch (error) {
      toast(String((error as Error).message))
    }
  }

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={`${t('notifications.title')} (${unread})`}
        data-testid="notification-bell"
        className={
          'relative flex h-11 w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 ' +
          'dark:text-slate-200 dark:hover:bg-slate-800'
        }
      >
        <Icon path="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        {unread > 0 ? (
          <span
            data-testid="notification-count"
            className={
              'absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs ' +
              'font-semibold text-white'
            }
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
          className={
            'absolute right-0 z-40 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 ' +
            'bg-white shadow-xl dark:border-slate-700 dark:bg-slate-900'
          }
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-700">
            <h2 className="font-semibold">{t('notifications.title')}</h2>
            <button
              type="button"
              onClick={() => read('all')}
              className="text-sm text-blue-700 hover:underline dark:text-blue-300"
            >
              {t('notifications.markAll')}
            </button>
          </div>
          <ul className="max-h-96 overflow-auto">
            {items.length === 0 ? (
              <li className="p-3 text-sm text-slate-600 dark:text-slate-400">{t('notifications.empty')}</li>
            ) : null}
            {items.map((n) => (
              <NotificationItem
                key={n.id}
                n={n}
                onOpen={(x) => {
                  setOpen(false)
                  if (!x.readAt) void read([x.id])
                }}
                onRead={(x) => read([x.id])}
                onArchive={archive}
              />
            ))}
          </ul>
          <Link
            to="/notifications"
            onClick={() => setOpen(false)}
            className={
              'block border-t border-slate-200 px-3 py-2 text-center text-sm text-blue-700 hover:underline ' +
              'dark:border-slate-700 dark:text-blue-300'
            }
          >
            {t('notifications.seeAll')}
          </Link>
        </div>
      ) : null}
    </div>
  )
}

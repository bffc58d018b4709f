import { useEffect, useState } from 'react'
import { Form, Link, NavLink, Outlet, redirect, useNavigate } from 'react-router'
import type { Route } from './+types/_app'
import { t, labels } from '../i18n/fr'
import { NotificationBell } from '../components/notification-bell'
import { CommandPalette, typingInField } from '../components/command-palette'
import { ThemeToggle } from '../components/theme-toggle'
import { ToastProvider } from '../components/toasts'
import { BottomNav } from '../components/bottom-nav'
import { ACCOUNT_ITEM, NAV } from '../components/nav-items'
import { Drawer } from '../components/dialog'
import { PendingBar } from '../components/page'
import type { LiveNotification } from '../lib/use-live-notifications'
import { describeError, ErrorPage } from '../components/error-page'

export type Me = {
  id: string
  email: string
  name: string
  role: keyof typeof labels.role
  teamId: string | null
  teamName: string | null
  mustChangePassword: boolean
  permissions: string[]
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const [meRes, notifRes] = await Promise.all([
    context.api('/api/v1/auth/me'),
    context.api('/api/v1/notifications?limit=20'),
  ])
  if (meRes.status === 401) {
    const url = new URL(request.url)
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`)
  }
  // The database away (503) or another failure: the layout's error page, with the API's status
  // (the screen's own boundary would render this shell without a user).
  if (!meRes.ok)
    throw new Response(await meRes.text(), { status: meRes.status, headers: { 'content-type': 'application/json' } })
  const me = (await meRes.json()) as Me
  // A password set by an admin must be replaced before anything else (the API refuses the rest).
  if (me.mustChangePassword && new URL(request.url).pathname !== '/account/password')
    throw redirect('/account/password')
  const notifications = notifRes.ok
    ? ((await notifRes.json()) as { data: LiveNotification[]; unread: number })
    : { data: [], unread: 0 }
  return { me, notifications }
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  const { me, notifications } = loaderData
  const [drawer, setDrawer] = useState(false)
  const navigate = useNavigate()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n' && me.permissions.includes('organisations:create')) {
        e.preventDefault()
        navigate('/organisations/new')
      }
      if (e.key === 'Escape') setDrawer(false)
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInField(e.target)) {
        e.preventDefault()
        navigate('/aide')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [me.permissions, navigate])

  const navOf = (items: typeof NAV) => (
    <nav aria-label="Navigation principale" className="flex flex-col gap-1 p-3">
      {items
        .filter((item) => !('perm' in item) || me.permissions.includes(item.perm as string))
        .map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            end={item.end}
            onClick={() => setDrawer(false)}
            className={({ isActive }) =>
              'flex min-h-11 items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ' +
              (isActive
                ? 'bg-blue-700 text-white'
                : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800')
            }
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="h-5 w-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d={item.icon} />
            </svg>
            {item.label}
          </NavLink>
        ))}
    </nav>
  )
  const nav = navOf(NAV)

  return (
    <ToastProvider>
      <PendingBar />
      <div className="flex min-h-dvh">
        <aside
          className={
            'hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block dark:border-slate-800 ' +
            'dark:bg-slate-900'
          }
        >
          <div className="px-6 py-4 text-lg font-bold text-blue-800 dark:text-blue-300">{t('app.name')}</div>
          {nav}
        </aside>
        <Drawer open={drawer} onClose={() => setDrawer(false)} label={t('nav.menu')}>
          <div className="px-6 py-4 text-lg font-bold text-blue-800 dark:text-blue-300">{t('app.name')}</div>
          {navOf([...NAV, ACCOUNT_ITEM])}
        </Drawer>
        <div className="flex min-w-0 flex-1 flex-col">
          <header
            className={
              'sticky top-0 z-30 flex items-center gap-2 border-b border-slate-200 bg-white/90 px-3 py-2 ' +
              'backdrop-blur md:px-6 dark:border-slate-800 dark:bg-slate-900/90'
            }
          >
            <button
              type="button"
              className="flex h-11 w-11 items-center justify-center rounded-md md:hidden"
              aria-label={t('nav.menu')}
              onClick={() => setDrawer(true)}
              data-testid="menu-button"
            >
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-6 w-6"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <path d="M4 6h16M4 12h16M4 18h16" />
              </svg>
            </button>
            <CommandPalette permissions={me.permissions} />
            <div className="flex-1" />
            <ThemeToggle />
            {/* No live socket until an admin-set password is replaced: the API refuses it meanwhile. */}
            {me.mustChangePassword ? null : (
              <NotificationBell initial={notifications.data} unread={notifications.unread} />
            )}
            <Link
              to="/account"
              title={t('nav.account')}
              className="hidden text-sm text-slate-700 hover:underline sm:inline dark:text-slate-300"
              data-testid="current-user"
            >
              {me.name} · {labels.role[me.role]}
            </Link>
            <Form method="post" action="/logout">
              <button
                type="submit"
                className={
                  'min-h-11 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 ' +
                  'dark:hover:bg-slate-800'
                }
              >
                {t('auth.signOut')}
              </button>
            </Form>
          </header>
          <main className="flex-1 p-3 pb-24 md:p-6">
            <Outlet context={{ me }} />
          </main>
        </div>
      </div>
      <BottomNav onMenu={() => setDrawer(true)} />
    </ToastProvider>
  )
}

// The layout's own failures (its loader); a screen's errors stop below, in routes/_screen.tsx,
// inside the shell.
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage {...describeError(error)} />
}

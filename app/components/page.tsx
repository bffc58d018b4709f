// Page furniture: the way back up, header with actions, empty states, pending overlay, tabs.
import { Link, NavLink, useLocation, useNavigation } from 'react-router'
import { t } from '../i18n/fr'
import { cx, h1, h2, link } from './ui'
import { Icon } from './icon'

// The way back to the page a record sits under (its list, or the record an edit page belongs to).
export function Breadcrumb({ to, label }: { to: string; label: string }) {
  return (
    <nav aria-label={t('common.breadcrumb')} className="text-sm">
      <Link to={to} className={link}>
        {label}
      </Link>{' '}
      <span aria-hidden="true">›</span>
    </nav>
  )
}

export function PageHeader({
  title,
  subtitle,
  actions,
  children,
}: {
  title: React.ReactNode
  subtitle?: React.ReactNode
  actions?: React.ReactNode
  children?: React.ReactNode
}) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <div className="min-w-0 flex-1">
        <h1 className={cx(h1, 'break-words')}>{title}</h1>
        {subtitle ? <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{subtitle}</div> : null}
        {children}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  )
}

// A section's title with the link to its full list ("Voir tout") at the other end.
export function SectionHeading({
  id,
  title,
  to,
  className,
}: {
  id: string
  title: string
  to: string
  className?: string
}) {
  return (
    <div className={cx('flex items-center justify-between', className)}>
      <h2 id={id} className={h2}>
        {title}
      </h2>
      <Link to={to} className={cx(link, 'text-sm')}>
        {t('common.seeAll')}
      </Link>
    </div>
  )
}

export function EmptyState({
  title,
  body,
  action,
  testId,
}: {
  title: string
  body?: string
  action?: React.ReactNode
  testId?: string
}) {
  return (
    <div
      className={
        'flex flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 px-6 py-10 ' +
        'text-center dark:border-slate-700'
      }
      data-testid={testId ?? 'empty-state'}
    >
      <Icon
        path="M3 7h18M5 7v12h14V7M9 11h6"
        className="h-10 w-10 text-slate-400 dark:text-slate-500"
        strokeWidth={1.5}
      />
      <p className="font-medium">{title}</p>
      {body ? <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{body}</p> : null}
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  )
}

// Dims a region while the router loads the next data for the same screen.
export function Pending({ children, className }: { children: React.ReactNode; className?: string }) {
  const nav = useNavigation()
  const here = useLocation()
  const busy = nav.state === 'loading' && nav.location?.pathname === here.pathname
  return (
    <div
      className={cx('transition-opacity', busy && 'pointer-events-none opacity-60', className)}
      aria-busy={busy || undefined}
    >
      {children}
    </div>
  )
}

// A thin bar under the header while any navigation or submission is in flight.
export function PendingBar() {
  const nav = useNavigation()
  if (nav.state === 'idle') return null
  return (
    <div
      role="progressbar"
      aria-label={t('common.loading')}
      data-testid="pending-bar"
      className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-blue-100 dark:bg-blue-950"
    >
      <div className="h-full w-1/3 animate-[crm-progress_1s_ease-in-out_infinite] bg-blue-700 dark:bg-blue-400" />
    </div>
  )
}

export function Tabs({
  items,
  label,
}: {
  items: { to: string; label: string; end?: boolean; count?: number }[]
  label: string
}) {
  return (
    <nav
      aria-label={label}
      className="-mx-3 overflow-x-auto border-b border-slate-200 px-3 md:mx-0 md:px-0 dark:border-slate-800"
    >
      <ul className="flex min-w-max gap-1">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink
              to={item.to}
              end={item.end}
              preventScrollReset
              className={({ isActive }) =>
                cx(
                  'inline-flex min-h-11 items-center gap-2 border-b-2 px-3 text-sm font-medium',
                  isActive
                    ? 'border-blue-700 text-blue-800 dark:border-blue-300 dark:text-blue-200'
                    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 ' +
                        'dark:hover:text-slate-100',
                )
              }
            >
              {item.label}
              {item.count != null ? (
                <span
                  className={
                    'rounded-full bg-slate-100 px-2 text-xs text-slate-700 ' + 'dark:bg-slate-800 dark:text-slate-300'
                  }
                >
                  {item.count}
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}

// Phone navigation: the four most used screens at thumb reach, and the full menu (drawer).
import { NavLink } from 'react-router'
import { t } from '../i18n/fr'
import { cx } from './ui'
import { Icon } from './icon'

const ITEMS = [
  { to: '/', label: t('nav.dashboard.short'), icon: 'M3 12l9-9 9 9M5 10v10h14V10', end: true },
  {
    to: '/organisations',
    label: t('nav.organisations'),
    icon: 'M3 21h18M5 21V7l7-4 7 4v14M9 9h1m4 0h1M9 13h1m4 0h1M9 17h1m4 0h1',
  },
  { to: '/pipeline/kanban', label: t('nav.pipeline'), icon: 'M4 4h4v16H4zM10 4h4v10h-4zM16 4h4v6h-4z' },
  {
    to: '/tasks',
    label: t('nav.tasks'),
    icon: 'M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11',
  },
]

export function BottomNav({ onMenu }: { onMenu: () => void }) {
  const item = 'flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-[11px] font-medium'
  return (
    <nav
      aria-label={t('nav.bottom')}
      data-testid="bottom-nav"
      className="fixed inset-x-0 bottom-0 z-30 flex border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden dark:border-slate-800 dark:bg-slate-900/95"
    >
      {ITEMS.map((i) => (
        <NavLink
          key={i.to}
          to={i.to}
          end={i.end}
          className={({ isActive }) =>
            cx(item, isActive ? 'text-blue-700 dark:text-blue-300' : 'text-slate-600 dark:text-slate-400')
          }
        >
          <Icon path={i.icon} className="h-6 w-6" />
          <span className="max-w-full truncate px-1">{i.label}</span>
        </NavLink>
      ))}
      <button type="button" onClick={onMenu} className={cx(item, 'text-slate-600 dark:text-slate-400')}>
        <Icon path="M4 6h16M4 12h16M4 18h16" className="h-6 w-6" />
        <span>{t('nav.more')}</span>
      </button>
    </nav>
  )
}

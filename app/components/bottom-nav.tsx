// Phone navigation: the four most used screens at thumb reach, and the full menu (drawer).
import { NavLink } from 'react-router'
import { t } from '../i18n/fr'
import { BOTTOM_NAV } from './nav-items'
import { cx } from './ui'
import { Icon } from './icon'

export function BottomNav({ onMenu }: { onMenu: () => void }) {
  const item = 'flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-[11px] font-medium'
  return (
    <nav
      aria-label={t('nav.bottom')}
      data-testid="bottom-nav"
      className={
        'fixed inset-x-0 bottom-0 z-30 flex border-t border-slate-200 bg-white/95 ' +
        'pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden dark:border-slate-800 dark:bg-slate-900/95'
      }
    >
      {BOTTOM_NAV.map((i) => (
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

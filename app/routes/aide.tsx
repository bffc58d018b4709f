// The help centre (/aide): guides written for this CRM as it behaves, with their own navigation.
// Each guide is its own route module, so its text is loaded only when opened.
import { NavLink, Outlet } from 'react-router'
import type { Route } from './+types/aide'
import { t } from '../i18n/fr'
import { GUIDES } from '../help/guides'
import { PageHeader } from '../components/page'
import { cx } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.help')} · ${t('app.name')}` }]

export default function Help() {
  return (
    <div className="space-y-4" data-testid="help">
      <PageHeader title={t('nav.help')} subtitle={t('help.subtitle')} />
      <div className="flex flex-col gap-4 lg:flex-row">
        <nav aria-label={t('help.guides')} className="lg:w-56 lg:shrink-0">
          <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
            {[{ slug: '', title: t('help.home') }, ...GUIDES].map((g) => (
              <li key={g.slug}>
                <NavLink
                  to={g.slug ? `/aide/${g.slug}` : '/aide'}
                  end
                  className={({ isActive }) =>
                    cx(
                      'inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium',
                      isActive
                        ? 'bg-blue-700 text-white'
                        : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
                    )
                  }
                >
                  {g.title}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <article className="min-w-0 max-w-3xl flex-1 space-y-6 leading-relaxed">
          <Outlet />
        </article>
      </div>
    </div>
  )
}

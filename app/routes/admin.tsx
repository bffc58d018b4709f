// Administration: users, teams, the permission matrix, API tokens and the audit log. A user
// with none of these permissions gets a 404, as for any page outside their reach.
import { data as respond, Outlet } from 'react-router'
import type { Route } from './+types/admin'
import { t, type MessageKey } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { ADMIN_SECTIONS, can, canAdminister } from '../lib/permissions'
import { PageHeader, Tabs } from '../components/page'

export const meta: Route.MetaFunction = () => [{ title: `${t('admin.title')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  const me = await apiJson<{ permissions: string[] }>(context, '/api/v1/auth/me')
  if (!canAdminister(me)) throw respond(null, { status: 404 })
  type CacheStats = { hits: number; misses: number; hit_rate: number | null }
  const cache = can(me, 'settings:manage') ? await apiJson<CacheStats>(context, '/api/v1/admin/cache-stats') : null
  return {
    cacheLine: !cache
      ? null
      : cache.hit_rate === null
        ? t('admin.cacheStats.empty')
        : t('admin.cacheStats', {
            hits: cache.hits.toLocaleString('fr-FR'),
            misses: cache.misses.toLocaleString('fr-FR'),
            rate: `${(cache.hit_rate * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`,
          }),
    sections: ADMIN_SECTIONS.filter((s) => can(me, s.permission)).map((s) => ({
      to: s.to,
      label: t(s.key as MessageKey),
    })),
  }
}

export default function Admin({ loaderData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <PageHeader title={t('admin.title')} />
      {loaderData.cacheLine && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="cache-stats">
          {loaderData.cacheLine}
        </p>
      )}
      <Tabs label={t('admin.title')} items={loaderData.sections} />
      <Outlet />
    </div>
  )
}

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
  return {
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
      <Tabs label={t('admin.title')} items={loaderData.sections} />
      <Outlet />
    </div>
  )
}

import { Link } from 'react-router'
import type { Route } from './+types/dashboard'
import { t } from '../i18n/fr'

export const meta: Route.MetaFunction = () => [{ title: `${t('nav.dashboard')} · ${t('app.name')}` }]

export default function Dashboard() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t('nav.dashboard')}</h1>
      <Link to="/organisations" className="text-blue-700 underline dark:text-blue-400">{t('nav.organisations')}</Link>
    </div>
  )
}

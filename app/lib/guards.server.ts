// Guards for pages a role cannot use: they throw a 403 that the layout shows as "Accès refusé"
// with the reason, before the user fills a form the API would refuse anyway.
import { data, type AppLoadContext } from 'react-router'
import { loadMe } from './lookups.server'
import { t, type MessageKey } from '../i18n/fr'

export type Forbidden = { reason: string }

export async function requirePermission(
  context: AppLoadContext,
  permission: string,
  reason: MessageKey = 'error.forbidden.body',
) {
  const me = await loadMe(context)
  if (!me?.permissions.includes(permission)) throw data<Forbidden>({ reason: t(reason) }, { status: 403 })
}

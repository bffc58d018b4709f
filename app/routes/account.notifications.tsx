// Profile → Notifications: per type, in the app and by e-mail, and the daily digest. Security
// notices are shown locked on.
import { Form, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/account.notifications'
import { apiJson } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { t } from '../i18n/fr'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { PageHeader } from '../components/page'
import { PRIORITY_LABELS } from '../components/notification-item'
import { btn, card, cx, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('notifications.preferences')} · ${t('app.name')}` }]

type Prefs = {
  emailDigest: boolean
  types: { type: string; label: string; priority: string; switchable: boolean; inApp: boolean; email: boolean }[]
}

export const loader = ({ context }: Route.LoaderArgs) => apiJson<Prefs>(context, '/api/v1/notifications/preferences')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const types = String(form.get('types') ?? '')
    .split(',')
    .filter(Boolean)
    .map((type) => ({ type, inApp: form.has(`inApp:${type}`), email: form.has(`email:${type}`) }))
  return submit(
    context,
    '/api/v1/notifications/preferences',
    'PUT',
    { emailDigest: form.has('emailDigest'), types },
    t('notifications.saved'),
  )
}

export default function NotificationPreferences({ loaderData }: Route.ComponentProps) {
  const answer = useActionData<typeof action>()
  const navigation = useNavigation()
  useAnswerToast(answer, navigation.state)
  const switchable = loaderData.types.filter((x) => x.switchable)
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('notifications.preferences')} />
      <Form method="post" className="space-y-4" data-testid="notification-preferences">
        <input type="hidden" name="types" value={switchable.map((x) => x.type).join(',')} />
        <table className={cx(card, 'w-full text-sm')}>
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="p-3">{t('notifications.title')}</th>
              <th className="p-3 text-center">{t('notifications.inApp')}</th>
              <th className="p-3 text-center">{t('notifications.email')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.types.map((x) => (
              <tr key={x.type} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="p-3">
                  <div className="font-medium">{x.label}</div>
                  <div className={cx(muted, 'text-xs')}>
                    {x.switchable
                      ? `Priorité ${PRIORITY_LABELS[x.priority]?.toLowerCase()}`
                      : t('notifications.locked')}
                  </div>
                </td>
                <td className="p-3 text-center">
                  <input
                    type="checkbox"
                    name={`inApp:${x.type}`}
                    defaultChecked={x.inApp}
                    disabled={!x.switchable}
                    aria-label={`${x.label} : ${t('notifications.inApp')}`}
                    className="h-5 w-5"
                  />
                </td>
                <td className="p-3 text-center">
                  <input
                    type="checkbox"
                    name={`email:${x.type}`}
                    defaultChecked={x.email}
                    disabled={!x.switchable}
                    aria-label={`${x.label} : ${t('notifications.email')}`}
                    className="h-5 w-5"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="emailDigest" defaultChecked={loaderData.emailDigest} className="h-5 w-5" />
          {t('notifications.digest')}
        </label>
        <button type="submit" className={btn.primary} disabled={navigation.state !== 'idle'}>
          {t('common.save')}
        </button>
      </Form>
    </div>
  )
}

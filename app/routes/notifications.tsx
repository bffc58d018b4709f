// Every notification of the signed-in user: filters (unread, type, priority, archived), "Afficher
// plus" pagination, mark read, archive, and "Tout archiver (lues)". Live changes from other tabs
// reach this page through the bell's revalidation.
import { Form, useFetcher, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
import type { Route } from './+types/notifications'
import { apiJson } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { t } from '../i18n/fr'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useMore } from '../lib/use-more'
import type { Page } from '../lib/types'
import type { LiveNotification } from '../lib/use-live-notifications'
import { LoadMore } from '../components/load-more'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { NotificationItem, PRIORITY_LABELS } from '../components/notification-item'
import { btn, card, cx } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('notifications.title')} · ${t('app.name')}` }]

type Prefs = { types: { type: string; label: string }[] }
const FILTERS = ['unread', 'type', 'priority', 'archived'] as const

export async function loader({ request, context }: Route.LoaderArgs) {
  const q = pageQuery(request, FILTERS, 30)
  const [page, prefs] = await Promise.all([
    apiJson<Page<LiveNotification> & { unread: number }>(context, `/api/v1/notifications?${q}`),
    apiJson<Prefs>(context, '/api/v1/notifications/preferences'),
  ])
  return { page, types: prefs.types }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const intent = String(form.get('intent'))
  const id = String(form.get('id') ?? '')
  if (intent === 'read') return submit(context, '/api/v1/notifications/read', 'POST', { ids: [id] })
  if (intent === 'archive') return submit(context, '/api/v1/notifications/archive', 'POST', { ids: [id] })
  if (intent === 'read-all')
    return submit(context, '/api/v1/notifications/read', 'POST', { ids: 'all' }, t('notifications.markAll'))
  return submit(context, '/api/v1/notifications/archive', 'POST', { ids: 'read' }, t('notifications.archiveRead'))
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const more = useMore(loaderData.page)
  const fetcher = useFetcher({ key: 'notifications' })
  useAnswerToast(fetcher.data, fetcher.state)
  const post = (intent: string, id?: string) => fetcher.submit({ intent, id: id ?? '' }, { method: 'post' })
  const select =
    'min-h-11 max-w-full rounded-md border border-slate-300 bg-white px-3 text-sm dark:border-slate-600 ' +
    'dark:bg-slate-800'
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PageHeader
        title={t('notifications.title')}
        actions={
          <>
            <button type="button" className={btn.secondary} onClick={() => post('read-all')}>
              {t('notifications.markAll')}
            </button>
            <button
              type="button"
              className={btn.secondary}
              onClick={() => post('archive-read')}
              data-testid="archive-read"
            >
              {t('notifications.archiveRead')}
            </button>
          </>
        }
      />
      <Form
        method="get"
        className="flex flex-wrap items-center gap-3"
        onChange={(e) => e.currentTarget.requestSubmit()}
      >
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="unread" value="true" defaultChecked={params.get('unread') === 'true'} />
          {t('notifications.unreadOnly')}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="archived" value="true" defaultChecked={params.get('archived') === 'true'} />
          {t('notifications.archived')}
        </label>
        <select name="type" defaultValue={params.get('type') ?? ''} className={select} aria-label="Type">
          <option value="">{t('notifications.allTypes')}</option>
          {loaderData.types.map((x) => (
            <option key={x.type} value={x.type}>
              {x.label}
            </option>
          ))}
        </select>
        <select name="priority" defaultValue={params.get('priority') ?? ''} className={select} aria-label="Priorité">
          <option value="">{t('notifications.allPriorities')}</option>
          {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Form>
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState title={t('notifications.empty')} />
        ) : (
          <ul className={cx(card, 'overflow-hidden')} data-testid="notification-list">
            {more.items.map((n) => (
              <NotificationItem
                key={n.id}
                n={n}
                onOpen={(x) => {
                  if (!x.readAt) post('read', x.id)
                }}
                onRead={(x) => post('read', x.id)}
                onArchive={(x) => post('archive', x.id)}
              />
            ))}
          </ul>
        )}
      </Pending>
      <LoadMore more={more} />
    </div>
  )
}

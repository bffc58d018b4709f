// The bin: deleted records kept 30 days, restored by an administrator.
import { NavLink, useFetcher, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
import type { Route } from './+types/bin'
import { requirePermission } from '../lib/guards.server'
import { apiJson } from '../lib/api.server'
import { submit } from '../lib/actions.server'
import { t, type MessageKey } from '../i18n/fr'
import { formatDate, formatDateTime } from '../lib/format'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { useMore } from '../lib/use-more'
import type { BinItemDto, Page } from '../lib/types'
import { BIN_TYPES } from '../../worker/bin/bin.schema'
import { LoadMore } from '../components/load-more'
import { EmptyState, PageHeader, Pending } from '../components/page'
import { btn, card, cx, muted, neutralBadge } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('bin.title')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(context, 'settings:manage', 'error.forbidden.bin')
  const q = pageQuery(request, ['type'])
  return apiJson<Page<BinItemDto>>(context, `/api/v1/bin?${q}`)
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const type = String(form.get('type'))
  const id = String(form.get('id'))
  return submit(
    context,
    `/api/v1/bin/${encodeURIComponent(type)}/${encodeURIComponent(id)}/restore`,
    'POST',
    {},
    t('bin.restored', { label: String(form.get('label') ?? '') }),
  )
}

// One shared fetcher: the toast lives in the page, since a restored row leaves the list.
const RESTORE = 'bin-restore'

function Row({ item }: { item: BinItemDto }) {
  const fetcher = useFetcher<{ ok?: boolean; message?: string; error?: string }>({ key: RESTORE })
  const busy = fetcher.state !== 'idle' && fetcher.formData?.get('id') === item.id
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3" data-testid="bin-row">
      <span className={neutralBadge}>{t(`bin.type.${item.type}` as MessageKey)}</span>
      <span className="min-w-0 flex-1 font-medium">{item.label}</span>
      <span className={cx(muted, 'text-sm')}>
        {t('bin.deletedBy', { who: item.deletedByName ?? t('history.system'), at: formatDateTime(item.deletedAt) })}
      </span>
      <span className={cx(muted, 'text-xs')}>{t('bin.purgeAt', { date: formatDate(item.purgeAt) })}</span>
      <button
        type="button"
        className={btn.secondary}
        disabled={busy}
        onClick={() => fetcher.submit({ type: item.type, id: item.id, label: item.label }, { method: 'post' })}
      >
        {busy ? t('common.loading') : t('bin.restore')}
      </button>
    </li>
  )
}

export default function Bin({ loaderData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  const restore = useFetcher({ key: RESTORE })
  useAnswerToast(restore.data, restore.state)
  const type = params.get('type') ?? ''
  const chip = (value: string, label: string) => (
    <NavLink
      key={value || 'all'}
      to={value ? `?type=${value}` : '?'}
      aria-current={type === value ? 'page' : undefined}
      preventScrollReset
      className={cx(
        'inline-flex min-h-11 items-center rounded-full px-4 text-sm font-medium',
        type === value
          ? 'bg-blue-700 text-white'
          : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 ' +
              'dark:text-slate-200 dark:ring-slate-700',
      )}
    >
      {label}
    </NavLink>
  )
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('bin.title')} subtitle={t('bin.subtitle')} />
      <nav aria-label={t('bin.filter')} className="flex flex-wrap gap-2">
        {chip('', t('common.all'))}
        {BIN_TYPES.map((b) => chip(b, t(`bin.type.${b}` as MessageKey)))}
      </nav>
      <Pending>
        {more.items.length === 0 ? (
          <EmptyState title={t('bin.empty')} />
        ) : (
          <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="bin-list">
            {more.items.map((item) => (
              <Row key={`${item.type}-${item.id}`} item={item} />
            ))}
          </ul>
        )}
      </Pending>
      <LoadMore more={more} />
    </div>
  )
}

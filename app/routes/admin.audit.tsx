// The audit log: who did what, when, from where, on what. Filters by action (or prefix such as
// "auth."), actor email and dates; newest first, "Afficher plus" for older entries.
import { Form, useSearchParams } from 'react-router'
import { pageQuery } from '../lib/list-query'
import type { Route } from './+types/admin.audit'
import { t } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { tryList } from '../lib/lookups.server'
import { auditAction, auditTarget } from '../lib/audit-labels'
import { formatDateTime, fromDateTimeInput } from '../lib/format'
import { useMore } from '../lib/use-more'
import { ListResults } from '../components/list-page'
import { DataTable } from '../components/data-table'
import { EmptyState } from '../components/page'
import { btn, cx, inputSm, muted } from './admin.ui'

type Entry = {
  id: string
  action: string
  actorEmail: string | null
  actorName: string | null
  targetType: string | null
  targetId: string | null
  ip: string | null
  details: unknown
  createdAt: string
}

// Dates from the filter form are days in Paris time; the API wants instants.
const dayStart = (d: string) => fromDateTimeInput(`${d}T00:00`)
const dayEnd = (d: string) => new Date(new Date(fromDateTimeInput(`${d}T23:59`)).getTime() + 59_999).toISOString()

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const q = pageQuery(request, ['action', 'actor', 'targetId'])
  const from = url.searchParams.get('from')
  const to = url.searchParams.get('to')
  if (from) q.set('from', dayStart(from))
  if (to) q.set('to', dayEnd(to))
  const [page, users, teams] = await Promise.all([
    apiJson<{ data: Entry[]; nextCursor: string | null }>(context, `/api/v1/audit-log?${q}`),
    tryList<{ id: string; name: string }>(context, '/api/v1/users'),
    tryList<{ id: string; name: string }>(context, '/api/v1/teams'),
  ])
  // Targets shown by name, not by identifier.
  const names = Object.fromEntries([...users.data, ...teams.data].map((r) => [r.id, r.name]))
  return { ...page, names }
}

export default function AdminAudit({ loaderData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const more = useMore(loaderData)
  return (
    <section className="space-y-3" aria-label={t('admin.tab.audit')}>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="text-sm">
          {t('admin.audit.action')}
          <br />
          <input name="action" defaultValue={params.get('action') ?? ''} placeholder="auth." className={inputSm} />
        </label>
        <label className="text-sm">
          {t('admin.audit.actor')}
          <br />
          <input name="actor" defaultValue={params.get('actor') ?? ''} className={inputSm} />
        </label>
        <label className="text-sm">
          {t('admin.audit.from')}
          <br />
          <input type="date" name="from" defaultValue={params.get('from') ?? ''} className={inputSm} />
        </label>
        <label className="text-sm">
          {t('admin.audit.to')}
          <br />
          <input type="date" name="to" defaultValue={params.get('to') ?? ''} className={inputSm} />
        </label>
        <button type="submit" className={btn.secondary}>
          {t('common.filter')}
        </button>
      </Form>
      <ListResults more={more} empty={<EmptyState title={t('admin.audit.empty')} />}>
        {(entries) => (
          <DataTable
            testId="audit-table"
            columns={[
              t('admin.audit.when'),
              t('admin.audit.action'),
              t('admin.audit.actor'),
              t('admin.audit.target'),
              'IP',
            ]}
          >
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.createdAt)}</td>
                <td className="px-3 py-2" title={e.action}>
                  {auditAction(e.action)}
                </td>
                <td className="px-3 py-2">{e.actorName ?? e.actorEmail ?? t('admin.audit.anonymous')}</td>
                <td className="px-3 py-2">
                  <span className={muted}>{auditTarget(e.targetType)}</span>{' '}
                  {e.targetId && loaderData.names[e.targetId] ? (
                    <span>{loaderData.names[e.targetId]}</span>
                  ) : (
                    <span className="font-mono text-xs">{e.targetId ?? ''}</span>
                  )}
                  {e.details ? (
                    <details>
                      <summary className={cx(muted, 'cursor-pointer text-xs')}>{t('admin.audit.details')}</summary>
                      <pre className="whitespace-pre-wrap break-all text-xs">{JSON.stringify(e.details, null, 1)}</pre>
                    </details>
                  ) : null}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.ip ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListResults>
    </section>
  )
}

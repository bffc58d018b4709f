// Mes exports: the background exports of the last 7 days, their progress and download links.
import { useEffect } from 'react'
import { useRevalidator } from 'react-router'
import type { Route } from './+types/exports'
import { apiJson } from '../lib/api.server'
import { t, type MessageKey } from '../i18n/fr'
import { formatDateTime } from '../lib/format'
import { EmptyState, PageHeader } from '../components/page'
import { card, cx, link, muted } from '../components/ui'
import type { ExportJobView } from '../components/export-run'

type Job = ExportJobView & {
  entity: string
  format: string
  createdAt: string
  expiresAt: string
  sizeBytes: number | null
}

export const meta: Route.MetaFunction = () => [{ title: `${t('export.list.title')} · ${t('app.name')}` }]

export async function loader({ context }: Route.LoaderArgs) {
  return apiJson<{ data: Job[] }>(context, '/api/v1/exports')
}

const ENTITY: Record<string, MessageKey> = {
  organisations: 'nav.organisations',
  people: 'nav.people',
  mandats: 'nav.mandates',
  interactions: 'nav.organisations',
  tasks: 'nav.tasks',
}

export default function Exports({ loaderData }: Route.ComponentProps) {
  const { revalidate } = useRevalidator()
  const running = loaderData.data.some((j) => j.status === 'queued' || j.status === 'running')
  // While a job runs, the page follows it (every 2 s) instead of asking for a reload.
  useEffect(() => {
    if (!running) return
    const timer = setInterval(revalidate, 2000)
    return () => clearInterval(timer)
  }, [running, revalidate])
  return (
    <div className="space-y-4">
      <PageHeader title={t('export.list.title')} subtitle={t('export.list.hint')} />
      {loaderData.data.length === 0 ? (
        <EmptyState title={t('export.list.empty')} />
      ) : (
        <ul className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="exports">
          {loaderData.data.map((j) => (
            <li key={j.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              <span className="min-w-0 flex-1 font-medium">
                {j.entity === 'interactions' ? 'Interactions' : t(ENTITY[j.entity] ?? 'nav.organisations')} ·{' '}
                {j.format.toUpperCase()}
                <span className={cx('block text-xs', muted)}>{formatDateTime(j.createdAt)}</span>
              </span>
              <span className={muted}>
                {j.rowCount ?? 0} lignes · {t(`export.status.${j.status}` as MessageKey)}
              </span>
              {j.status === 'queued' || j.status === 'running' ? (
                <progress max={100} value={j.progress} className="h-2 w-24" aria-label={t('export.progress')} />
              ) : null}
              {j.status === 'done' && j.downloadUrl ? (
                <a href={j.downloadUrl} className={link} download={j.fileName ?? true}>
                  {t('export.download')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

// "Exporter" on every list: CSV, Excel or PDF of the rows the list shows (its filters, search
// and sort) or of the checked ones. The download and background-job code loads on first use
// (export-run.ts), so the lists' first-load JavaScript carries only this button.
import { useState } from 'react'
import { Link } from 'react-router'
import { t } from '../i18n/fr'
import { useCan } from '../lib/use-me'
import { Menu } from './menu'
import { useToast } from './toasts'
import { btn, cx, link, muted } from './ui'
import type { ExportJobView, ExportRequest } from './export-run'

export type ExportEntity = 'organisations' | 'people' | 'mandats' | 'interactions' | 'tasks'
const RESOURCE: Record<ExportEntity, string> = {
  organisations: 'organisations',
  people: 'people',
  mandats: 'mandates',
  interactions: 'interactions',
  tasks: 'tasks',
}

type Props = {
  entity: ExportEntity
  // The list's query string (filters, search, sort) as the API reads it.
  query: string
  // Checked rows; empty for "every row that matches".
  ids?: readonly string[]
}

export function ExportMenu({ entity, query, ids = [] }: Props) {
  const can = useCan()
  const toast = useToast()
  const [job, setJob] = useState<ExportJobView | null>(null)
  const [busy, setBusy] = useState(false)
  if (!can(`${RESOURCE[entity]}:export`)) return null

  const start = async (format: ExportRequest['format'], sep?: ',') => {
    setBusy(true)
    try {
      const { runExport } = await import('./export-run')
      await runExport(
        { entity, format, query, ids: [...ids], sep },
        { onJob: setJob, onError: (m) => toast(m, 'error') },
      )
    } finally {
      setBusy(false)
    }
  }
  const heading = ids.length ? t('export.checked', { count: ids.length }) : t('export.matching')
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="export">
      <Menu
        label={busy ? t('export.running') : t('export.button')}
        heading={heading}
        buttonClassName={btn.secondary}
        disabled={busy}
        testId="export-menu"
        align="end"
        items={[
          { label: t('export.csv'), onSelect: () => start('csv'), testId: 'export-csv' },
          { label: t('export.csvComma'), onSelect: () => start('csv', ','), testId: 'export-csv-comma' },
          { label: t('export.xlsx'), onSelect: () => start('xlsx'), testId: 'export-xlsx' },
          { label: t('export.pdf'), onSelect: () => start('pdf'), testId: 'export-pdf' },
        ]}
      />
      {job ? (
        <span role="status" className={cx('flex items-center gap-2 text-sm', muted)} data-testid="export-job">
          {job.status === 'done' && job.downloadUrl ? (
            <a href={job.downloadUrl} className={link} download={job.fileName ?? true}>
              {t('export.ready', { name: job.fileName ?? '' })}
            </a>
          ) : job.status === 'failed' ? (
            <span className="text-red-700 dark:text-red-300">{job.failure ?? t('export.failed')}</span>
          ) : (
            <>
              <progress max={100} value={job.progress} className="h-2 w-24" aria-label={t('export.progress')} />
              {t('export.background', { rows: job.rowCount ?? 0 })}
            </>
          )}
          <Link to="/exports" className={link}>
            {t('export.mine')}
          </Link>
        </span>
      ) : null}
    </div>
  )
}

// "Sélectionner les N correspondantes": once every loaded row is checked and more rows match the
// filters, the selection widens to all of them. The API counts them within the user's scope
// (GET /organisations/count); bulk actions then send the filter instead of ids, and the server
// resolves it with the list's own conditions (at most `max` organisations per action).
import { useEffect, useState } from 'react'
import { t } from '../i18n/fr'
import { api } from '../lib/api-client'
import { formatNumber } from '../lib/format'
import { cx, link, muted } from './ui'

export type Matching = { filter: string; count: number; max: number }

export function SelectAllMatching({
  loaded,
  filter,
  matching,
  onChange,
}: {
  loaded: number
  // The list's query string without sort or paging, as GET /organisations/count reads it.
  filter: string
  matching: Matching | null
  onChange: (m: Matching | null) => void
}) {
  const [counted, setCounted] = useState<Matching | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    api<{ count: number; bulkMax: number }>(`/api/v1/organisations/count?${filter}`, { signal: abort.signal })
      .then((r) => r.ok && setCounted({ filter, count: r.data.count, max: r.data.bulkMax }))
      .catch(() => {})
    return () => abort.abort()
  }, [filter])
  const current = counted?.filter === filter ? counted : null
  return (
    <p className={cx(muted, 'flex flex-wrap items-center gap-x-2 text-sm')} data-testid="select-all-matching">
      {matching ? (
        <>
          <span>{t('bulk.allMatching.on', { count: formatNumber(matching.count) })}</span>
          {matching.count > matching.max ? (
            <span className="font-medium text-amber-800 dark:text-amber-300" data-testid="bulk-too-many">
              {t('bulk.allMatching.tooMany', { max: formatNumber(matching.max) })}
            </span>
          ) : null}
          <button type="button" className={cx(link, 'min-h-11')} onClick={() => onChange(null)}>
            {t('bulk.allMatching.pageOnly', { count: loaded })}
          </button>
        </>
      ) : (
        <>
          <span>{t('bulk.page', { count: loaded })}</span>
          <button
            type="button"
            className={cx(link, 'min-h-11 font-medium')}
            disabled={!current}
            onClick={() => current && onChange(current)}
            data-testid="select-all-matching-button"
          >
            {current ? t('bulk.allMatching', { count: formatNumber(current.count) }) : t('bulk.allMatching.counting')}
          </button>
        </>
      )}
    </p>
  )
}

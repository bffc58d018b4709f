// Cursor pagination that appends ("Afficher plus"): the loader serves the first page, the
// following ones come through a fetcher on the same loader with ?cursor=. The pages already
// shown stay when live events revalidate the first one, and reset when the filters change.
import { useEffect, useMemo, useState } from 'react'
import { useFetcher, useLocation } from 'react-router'
import type { Page } from './types'

export function useMore<T extends { id: string }>(first: Page<T>, { index = false }: { index?: boolean } = {}) {
  const fetcher = useFetcher<Page<T>>()
  const { pathname, search } = useLocation()
  const filters = useMemo(() => {
    const p = new URLSearchParams(search)
    p.delete('cursor')
    p.delete('flash')
    p.delete('name')
    return p.toString()
  }, [search])
  const [more, setMore] = useState<{ filters: string; items: T[]; cursor: string | null } | null>(null)
  const current = more && more.filters === filters ? more : null

  /* biome-ignore lint/correctness/useExhaustiveDependencies: runs only when a page arrives; a filter change alone must
     not re-append the last page */
  useEffect(() => {
    const data = fetcher.data
    if (!data || fetcher.state !== 'idle') return
    setMore((m) => ({
      filters,
      items: [...(m && m.filters === filters ? m.items : []), ...data.data],
      cursor: data.nextCursor,
    }))
  }, [fetcher.data, fetcher.state]) // eslint-disable-line react-hooks/exhaustive-deps

  const items = useMemo(() => {
    const seen = new Set(first.data.map((x) => x.id))
    return [...first.data, ...(current?.items ?? []).filter((x) => !seen.has(x.id) && (seen.add(x.id), true))]
  }, [first.data, current])
  const cursor = current ? current.cursor : first.nextCursor
  const href = (c: string) => {
    const p = new URLSearchParams(filters)
    p.set('cursor', c)
    if (index) p.set('index', '')
    return `${pathname}?${p}`
  }
  const loadMore = () => {
    if (cursor) fetcher.load(href(cursor))
  }
  return {
    items,
    hasMore: !!cursor,
    loadMore,
    loading: fetcher.state === 'loading',
    moreHref: cursor ? href(cursor) : null,
  }
}

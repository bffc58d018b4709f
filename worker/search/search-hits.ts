// A database row of the search becomes a result: title, subtitle, link, and what matched where.
import { HREF } from './search-kinds.ts'
import type { CompiledQuery } from './search-query.ts'
import type { SearchHit, SearchType } from './search.schema.ts'
import { findMatches, MARK_START, parseHeadline } from './search-text.ts'

export type Row = {
  type: SearchType
  id: string
  rank: number
  ord?: number | string
  total: number
  data: Record<string, string | null>
  headline: string | null
}

// Fields looked at for highlighting, in the order they are shown; `name` is the title.
const FIELDS: Record<SearchType, string[]> = {
  organisations: ['name', 'email', 'city', 'postalCode', 'website', 'phone', 'address'],
  people: ['name', 'email', 'phone', 'jobTitle'],
  mandates: ['name', 'organisation'],
  products: ['name', 'isin'],
  interactions: ['name'],
}
const LONG_TEXT: Record<SearchType, string> = {
  organisations: 'notes',
  people: 'notes',
  mandates: 'notes',
  products: 'description',
  interactions: 'summary',
}

function subtitleOf(type: SearchType, d: Record<string, string | null>): string | null {
  const parts: (string | null | undefined)[] = {
    organisations: [d.city, d.email],
    people: [d.jobTitle, d.organisation],
    mandates: [d.organisation],
    products: [d.isin, d.organisation],
    interactions: [d.organisation, d.occurredAt?.slice(0, 10)],
  }[type]
  const text = parts.filter(Boolean).join(' · ')
  return text || null
}

export function toHit(row: Row, q: CompiledQuery | null): SearchHit {
  const d = row.data
  const corrections = q?.corrections.flat() ?? []
  const matches: SearchHit['matches'] = []
  if (q) {
    for (const field of FIELDS[row.type]) {
      const value = d[field]
      const ranges = findMatches(value, q.tokens, corrections)
      if (value && ranges.length) matches.push({ field, value, ranges })
    }
    if (row.headline?.includes(MARK_START)) {
      const { text, ranges } = parseHeadline(row.headline)
      matches.push({ field: LONG_TEXT[row.type], value: text, ranges })
    }
  }
  return {
    type: row.type,
    id: row.id,
    title: d.name ?? '',
    subtitle: subtitleOf(row.type, d),
    href: HREF[row.type](row.id, d),
    rank: Math.round(Number(row.rank) * 1000) / 1000,
    tag: d.tag ?? null,
    matches,
  }
}

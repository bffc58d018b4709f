// The query part of a cached list's key: a hash of the validated query (zod's output, so
// defaults filled in and values coerced), keys sorted and absent values left out. Two spellings
// of one request ("?limit=50&sort=name" and "?sort=name", "&q=" and no q) share one entry, and a
// long query cannot push the KV key past its 512-byte limit.
export type ListQuery = Readonly<Record<string, unknown>>

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalise)
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([k, v]) => [k, normalise(v)]))
  }
  return value
}

export async function queryKey(query: ListQuery): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(normalise(query)))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

// The part of a page's search params that a list API reads (an export takes the same ones).
export function listQuery(params: URLSearchParams, keys: readonly string[]) {
  const out = new URLSearchParams()
  for (const k of keys) {
    const v = params.get(k)?.trim()
    if (v) out.set(k, v)
  }
  return out.toString()
}

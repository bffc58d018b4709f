// The part of a page's address that a list API reads: the non-blank values of the given keys.
function pick(from: URLSearchParams, keys: readonly string[], into = new URLSearchParams()) {
  for (const k of keys) {
    const v = from.get(k)?.trim()
    if (v) into.set(k, v)
  }
  return into
}

// The filters a list page hands on to its export (an export takes the same ones).
export function listQuery(params: URLSearchParams, keys: readonly string[]) {
  return pick(params, keys).toString()
}

// What a list page's loader asks the API for: a page of `limit` rows, filtered by the page's
// address, from `cursor` on when "Afficher plus" asked for the next page.
export function pageQuery(request: Request, keys: readonly string[], limit = 50) {
  return pick(new URL(request.url).searchParams, [...keys, 'cursor'], new URLSearchParams({ limit: String(limit) }))
}

// The "Afficher plus" part of an API address built by hand: the next page's cursor, if one was asked for.
export const cursorParam = (cursor: string | null) => (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '')

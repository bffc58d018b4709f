import type { Context } from 'hono'
import type { Api, AppEnv } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { AutocompleteQuery, AutocompleteResult, SearchQuery, SearchResult } from './search.schema.ts'
import { autocomplete, search } from './search.service.ts'

const tags = ['Search']

// Time spent in the handler (database included), for the benchmark and the browser's devtools.
// Workers' clocks only move across I/O, which is exactly what this measures.
function serverTiming<E extends AppEnv>(c: Context<E>, started: number) {
  c.header('server-timing', `search;dur=${(performance.now() - started).toFixed(1)}`)
  c.header('cache-control', 'private, no-store')
}

export function registerSearchRoutes(api: Api) {
  // Each kind of record is searched only if the caller may read it (organisations:read, ...),
  // and within their scope: hence 'authenticated' here, permissions applied per kind.
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/search',
      tags,
      access: 'authenticated',
      summary: 'Search organisations, people, mandates, products and interactions (grouped, ranked, highlighted)',
      request: { query: SearchQuery },
      responses: { 200: jsonResponse(SearchResult), ...problemResponses },
    }),
    async (c) => {
      const started = performance.now()
      const result = await search(c.get('db'), c.var.user, c.req.valid('query'))
      serverTiming(c, started)
      return c.json(result, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/search/autocomplete',
      tags,
      access: 'authenticated',
      summary: 'Best few names for what is being typed (from 2 characters)',
      request: { query: AutocompleteQuery },
      responses: { 200: jsonResponse(AutocompleteResult), ...problemResponses },
    }),
    async (c) => {
      const started = performance.now()
      const result = await autocomplete(c.get('db'), c.var.user, c.req.valid('query'))
      serverTiming(c, started)
      return c.json(result, 200)
    },
  )
}

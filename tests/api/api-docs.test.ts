// The API documentation page opens in French (token, auth, errors, pagination, webhooks) and the
// .http collection holds one request per operation of the OpenAPI document it is generated from.
import { describe, expect, test } from 'vitest'
import { baseURL } from '../setup/api-client.ts'

const get = (path: string) => fetch(new URL(path, baseURL()))

describe('API documentation', () => {
  test('the docs page introduces the API in French before the English reference', async () => {
    const res = await get('/api/docs')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="fr">')
    for (const heading of ['Obtenir un jeton', 'Authentification', 'Erreurs', 'Pagination', 'Webhooks'])
      expect(html).toContain(`<h2>${heading}</h2>`)
    expect(html).toContain('Authorization: Bearer &lt;jeton&gt;')
    expect(html).toContain('href="/aide/webhooks"')
    expect(html).toContain('href="/api/crm.http"')
  })

  test('the .http collection has one request per operation of openapi.json, with the bearer token', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> }
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} {{baseUrl}}${path.replace(/\{(\w+)\}/g, '{{$1}}')}`),
    )
    expect(operations.length).toBeGreaterThan(50)
    const res = await get('/api/crm.http')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('crm.http')
    const text = await res.text()
    const requests = text.split('\n').filter((l) => /^(GET|POST|PUT|PATCH|DELETE) /.test(l))
    expect(requests.map((r) => r.split('?')[0])).toEqual(operations)
    expect(text.match(/^Authorization: Bearer \{\{token\}\}$/gm)?.length).toBe(operations.length)
    // Every variable a request uses is declared at the top.
    const declared = new Set([...text.matchAll(/^@(\w+) =/gm)].map((m) => m[1]))
    for (const [, name] of text.matchAll(/\{\{(\w+)\}\}/g)) expect(declared).toContain(name)
    // Operations with a JSON body get a sample of their required fields.
    expect(text).toMatch(
      new RegExp(
        String.raw`POST \{\{baseUrl\}\}\/api\/v1\/organisations\nAuthorization: Bearer \{\{token\}\}\n` +
          String.raw`Content-Type: application\/json\n\n\{[^}]*"name"`,
      ),
    )
  })
})

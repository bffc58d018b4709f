// The OpenAPI document, generated from the routes' zod schemas, and a small self-hosted viewer
// (no CDN: the CSP forbids third-party scripts and the app must work offline).
import type { Api } from '../app-env.ts'
import { docsPage } from './docs-page.ts'
import { httpCollection } from './http-collection.ts'
import { newNonce, securityHeaders } from '../http/security-headers.ts'

const documentConfig = (version: string, origin: string) => ({
  openapi: '3.1.0',
  info: { title: 'CRM API', version, description: 'API of the CRM. Errors are RFC 9457 problem+json.' },
  servers: [{ url: origin }],
})

export function registerDocsRoutes(api: Api) {
  api.doc31('/openapi.json', (c) => documentConfig(c.env.APP_VERSION, new URL(c.req.url).origin))
  // The request collection, generated from the same document on each request: never out of date.
  api.get('/crm.http', (c) => {
    const origin = new URL(c.req.url).origin
    const doc = api.getOpenAPI31Document(documentConfig(c.env.APP_VERSION, origin))
    c.header('content-disposition', 'attachment; filename="crm.http"')
    return c.text(httpCollection(doc as Parameters<typeof httpCollection>[0], origin))
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'crm_session',
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  api.get('/docs', (c) => {
    // The page's inline script runs under its own nonce (the Worker keeps headers a route set).
    const nonce = newNonce()
    c.header('content-security-policy', securityHeaders(nonce, { https: false })['content-security-policy']!)
    return c.html(docsPage(nonce))
  })
}

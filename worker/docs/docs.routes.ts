// The OpenAPI document, generated from the routes' zod schemas, and a small self-hosted viewer
// (no CDN: the CSP forbids third-party scripts and the app must work offline).
import type { Api } from '../app-env.ts'
import { docsPage } from './docs-page.ts'
import { newNonce, securityHeaders } from '../http/security-headers.ts'

export function registerDocsRoutes(api: Api) {
  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'CRM API',
      version: c.env.APP_VERSION,
      description: 'API of the CRM. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }))
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

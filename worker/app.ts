// The Hono app: the only place that validates input, checks permissions and touches the database.
// The web UI's loaders and actions call it in-process, partners over HTTP: one code path.
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './app-env.ts'
import { HttpProblem, problem, problemResponse } from './http/problem.ts'
import { validationHook } from './http/validation.ts'
import { authenticate, requestContext } from './middleware/request-context.ts'
import { cors } from './middleware/cors.ts'
import { csrf } from './middleware/csrf.ts'
import { requireDeclaredRoute } from './middleware/route-guard.ts'
import { apiRateLimit, startApiRateLimit } from './middleware/rate-limit.ts'
import { registerAdminRoutes } from './admin/admin.ts'
import { registerMailboxRoutes } from './mail/mailbox.routes.ts'
import { reportError } from './http/sentry.ts'
import { databaseFailure, describeForLog } from './http/db-errors.ts'
import { registerAuthRoutes } from './auth/auth.routes.ts'
import { registerHealthRoutes } from './health/health.routes.ts'
import { registerOrganisationRoutes } from './organisations/organisation.routes.ts'
import { registerPersonRoutes } from './people/person.routes.ts'
import { registerProductRoutes } from './products/product.routes.ts'
import { registerMandateRoutes } from './mandates/mandate.routes.ts'
import { registerInteractionRoutes } from './interactions/interaction.routes.ts'
import { registerTaskRoutes } from './tasks/task.routes.ts'
import { registerPipelineRoutes } from './pipeline/pipeline.routes.ts'
import { registerDashboardRoutes } from './dashboard/dashboard.routes.ts'
import { registerBinRoutes } from './bin/bin.routes.ts'
import { registerNotificationRoutes } from './notifications/notification.routes.ts'
import { registerDocsRoutes } from './docs/docs.routes.ts'
import { registerEventRoutes } from './events/events.routes.ts'
import { registerSearchRoutes } from './search/search.routes.ts'
import { registerExportRoutes } from './exports/export.routes.ts'
import { registerImportRoutes } from './imports/imports.routes.ts'
import { registerWebhookRoutes } from './webhooks/webhook.routes.ts'
import { registerWebhookDeliveryRoutes } from './webhooks/webhook-deliveries.routes.ts'

export function createApi() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).basePath('/api')

  api.use('*', requestContext())
  api.use('*', cors())
  api.use('/v1/*', csrf())
  api.use('/v1/*', requireDeclaredRoute())
  api.use('/v1/*', startApiRateLimit())
  api.use('/v1/*', authenticate())
  api.use('/v1/*', apiRateLimit())

  registerHealthRoutes(api)
  registerAuthRoutes(api)
  registerAdminRoutes(api)
  registerMailboxRoutes(api)
  registerOrganisationRoutes(api)
  registerPersonRoutes(api)
  registerProductRoutes(api)
  registerMandateRoutes(api)
  registerInteractionRoutes(api)
  registerTaskRoutes(api)
  registerPipelineRoutes(api)
  registerDashboardRoutes(api)
  registerBinRoutes(api)
  registerNotificationRoutes(api)
  registerEventRoutes(api)
  registerSearchRoutes(api)
  registerExportRoutes(api)
  registerImportRoutes(api)
  registerWebhookRoutes(api)
  registerWebhookDeliveryRoutes(api)
  registerDocsRoutes(api)

  api.notFound((c) => problemResponse(c, problem(404, `Aucune route ${c.req.method} ${c.req.path}.`)))
  api.onError((error, c) => {
    if (error instanceof HttpProblem) return problemResponse(c, error.problem, error.headers)
    if (error instanceof HTTPException && error.status < 500) {
      const detail = /json/i.test(error.message) ? 'Le corps de la requête n’est pas un JSON valide.' : error.message
      return problemResponse(c, problem(error.status, detail))
    }
    const log = c.get('log')
    const failure = databaseFailure(error)
    if (failure === 'input') {
      log?.warn('input refused by the database', describeForLog(error))
      return problemResponse(c, problem(400, 'Paramètre ou donnée invalide.'))
    }
    if (failure === 'unavailable') {
      log?.error('database unavailable', describeForLog(error))
      return problemResponse(
        c,
        problem(
          503,
          'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant.',
        ),
        { 'retry-after': '5' },
      )
    }
    // Logs carry the statement's name and the stack frames, never the query's values (user data).
    log?.error('unhandled error', {
      ...describeForLog(error),
      stack:
        error instanceof Error
          ? error.stack
              ?.split('\n')
              .filter((l) => /^\s+at /.test(l))
              .slice(0, 12)
              .join('\n')
          : undefined,
    })
    reportError(c, error)
    return problemResponse(
      c,
      problem(500, 'Une erreur inattendue est survenue. Réessayez dans un instant.', { requestId: c.get('requestId') }),
    )
  })
  return api
}

export const api = createApi()

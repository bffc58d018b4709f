// Turns zod failures into problem+json with the failing fields, for every route at once.
import type { Hook } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import { problem, problemResponse, type FieldError } from './problem.ts'

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }))
}

export const validationHook: Hook<unknown, any, any, unknown> = (result, c) => {
  if (result.success) return
  const target = (result as { target?: string }).target
  const detail = target === 'query' ? 'Paramètres de requête invalides.' : 'Données invalides.'
  return problemResponse(c, problem(400, detail, { errors: fieldErrors(result.error) }))
}

// RFC 9457 problem details: the only error shape the API answers with.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type FieldError = { path: string; message: string }
export type Problem = {
  type: string
  title: string
  status: number
  detail?: string
  errors?: FieldError[]
  [extra: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra }
}

export function problemResponse(c: Context, p: Problem, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    ...headers,
  })
}

// Thrown anywhere in a handler or service; the app's error handler turns it into problem+json.
export class HttpProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title)
  }
}

// The problem types a client acts on (the web app sends the user to the password form).
export const PASSWORD_CHANGE_REQUIRED = '/problems/password-change-required'
export const passwordChangeRequired = () =>
  new HttpProblem(
    problem(403, 'Vous devez changer votre mot de passe avant de continuer.', { type: PASSWORD_CHANGE_REQUIRED }),
  )

export const notFound = (detail = "Cette ressource n'existe pas.") => new HttpProblem(problem(404, detail))
export const forbidden = (detail = "Vous n'avez pas le droit de faire cela.") => new HttpProblem(problem(403, detail))
export const unauthorized = (detail = 'Authentification requise.') => new HttpProblem(problem(401, detail))
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(problem(400, detail, errors ? { errors } : {}))
export const conflict = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(problem(409, detail, errors ? { errors } : {}))

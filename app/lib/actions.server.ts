// What actions answer to fetchers and forms: { ok, message } or the API's refusal as
// { errors (per field), error (a sentence when no field is at fault) }.
import type { AppLoadContext } from 'react-router'
import { t } from '../i18n/fr'
import { apiSubmit, type Problem } from './api.server'

export type Answer<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok?: false; errors?: Record<string, string>; error?: string }

// Nested paths ("organisations.0.workEmail", "productIds.2") also answer to their field's name.
export function errorsByField(problem: Problem): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of problem.errors ?? []) {
    out[e.path] ??= e.message
    const leaf = e.path
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .at(-1)
    if (leaf) out[leaf] ??= e.message
  }
  return out
}

export function refusal(problem: Problem): Answer<never> {
  const errors = errorsByField(problem)
  return Object.keys(errors).length ? { errors } : { error: problem.detail ?? t('common.failed') }
}

export async function submit<T>(
  context: AppLoadContext,
  path: string,
  method: string,
  body: unknown,
  message?: string,
): Promise<Answer<T>> {
  const r = await apiSubmit<T>(context, path, method, body)
  return r.ok ? { ok: true, message, data: r.data } : refusal(r.problem)
}

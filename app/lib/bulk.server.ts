// POST /organisations/bulk for the list and the pipeline table (checked ids or the list's filter):
// one answer for the toast.
import type { AppLoadContext } from 'react-router'
import { t } from '../i18n/fr'
import { refusal, type Answer } from './actions.server'
import { apiSubmit } from './api.server'
import type { BulkResultDto } from './types'

export async function bulkAction(context: AppLoadContext, form: FormData): Promise<Answer> {
  const kind = String(form.get('action'))
  // Every matching row: the list's query string, sent as the filter the API resolves in scope.
  const filter = form.get('filter')
  const target =
    typeof filter === 'string'
      ? { filter: Object.fromEntries(new URLSearchParams(filter)) }
      : {
          ids: String(form.get('ids') ?? '')
            .split(',')
            .filter(Boolean),
        }
  const raw = String(form.get('value') ?? '')
  const value = kind === 'category' ? raw || null : kind === 'delete' ? undefined : raw
  const r = await apiSubmit<BulkResultDto>(context, '/api/v1/organisations/bulk', 'POST', {
    ...target,
    action: kind,
    value,
  })
  if (!r.ok) return refusal(r.problem)
  const { succeeded, failed } = r.data
  if (failed.length)
    return { error: t('bulk.partial', { ok: succeeded.length, failed: failed.length, reason: failed[0]!.detail }) }
  return { ok: true, message: t(kind === 'delete' ? 'bulk.deleted' : 'bulk.updated', { count: succeeded.length }) }
}

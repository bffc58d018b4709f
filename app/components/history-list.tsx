// A record's history: who, when, what changed (field: before → after).
import { labels, t, type MessageKey, fr } from '../i18n/fr'
import { formatDateTime, formatMoney } from '../lib/format'
import type { HistoryEntryDto } from '../lib/types'
import { card, cx, muted } from './ui'

const ENUMS: Record<string, Record<string, string>> = {
  type: labels.type,
  category: labels.category,
  pipelineStage: labels.stage,
  status: labels.mandateStatus,
  priority: labels.priority,
}
// stageChangedAt moves with every stage change, which its own line (pipelineStage) already shows.
const SKIP = new Set(['updatedAt', 'createdAt', 'id', 'teamId', 'deletedAt', 'stageChangedAt'])

function fieldLabel(entity: string, field: string) {
  for (const key of [`${entity}.field.${field}`, `history.field.${field}`]) if (key in fr) return t(key as MessageKey)
  return field
}

function show(field: string, v: unknown, users: Record<string, string>): string {
  if (v == null || v === '') return t('common.none')
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (field === 'amount') return formatMoney(v as string)
  if (field.endsWith('Id') && typeof v === 'string') return users[v] ?? t('history.someone')
  if (ENUMS[field]?.[String(v)]) return ENUMS[field][String(v)]!
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v)
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}

const ACTION: Record<string, MessageKey> = {
  created: 'history.action.created',
  updated: 'history.action.updated',
  deleted: 'history.action.deleted',
  restored: 'history.action.restored',
  duplicated: 'history.action.duplicated',
  imported: 'history.action.imported',
  import_updated: 'history.action.import_updated',
  import_reverted: 'history.action.import_reverted',
}

export function HistoryList({
  entries,
  entity,
  users = {},
}: {
  entries: HistoryEntryDto[]
  entity: string
  users?: Record<string, string>
}) {
  return (
    <ol className={cx(card, 'divide-y divide-slate-200 dark:divide-slate-800')} data-testid="history-list">
      {entries.map((h) => {
        const changes = h.changes.filter((c) => !SKIP.has(c.field))
        return (
          <li key={h.id} className="px-4 py-3">
            <p className="text-sm">
              <span className="font-medium">{h.actorName ?? t('history.system')}</span>{' '}
              {ACTION[h.action] ? t(ACTION[h.action]!) : h.action}
              <time dateTime={h.createdAt} className={cx(muted, 'ml-2 text-xs')}>
                {formatDateTime(h.createdAt)}
              </time>
            </p>
            {changes.length ? (
              <ul className="mt-1 space-y-0.5 text-sm">
                {changes.map((c) => (
                  <li key={c.field} className="break-words">
                    <span className="text-slate-700 dark:text-slate-300">{fieldLabel(entity, c.field)} :</span>{' '}
                    <del className="text-slate-600 decoration-red-600/60 dark:text-slate-400">
                      {show(c.field, c.from, users)}
                    </del>
                    {' → '}
                    <ins className="font-medium no-underline">{show(c.field, c.to, users)}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}

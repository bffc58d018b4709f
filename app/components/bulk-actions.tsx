// "Actions" on a selection of organisations (FAQ: cocher → Actions → étape, catégorie,
// responsable, supprimer), each confirmed in a dialog and run by POST /organisations/bulk: the
// checked ids, or the list's filter when every matching row is selected (select-all-matching.tsx).
import { useEffect, useId, useState } from 'react'
import { useFetcher } from 'react-router'
import { CATEGORIES, PIPELINE_STAGES } from '../../worker/db/enums'
import { labels, t } from '../i18n/fr'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { ConfirmDialog, Dialog } from './dialog'
import { SelectField } from './field'
import { Menu } from './menu'
import type { Matching } from './select-all-matching'
import { btn } from './ui'

type Kind = 'stage' | 'category' | 'owner' | 'delete'

export function BulkActions({
  ids,
  matching = null,
  onDone,
  onClear,
  can,
  owners,
}: {
  ids: string[]
  matching?: Matching | null
  onDone: () => void
  onClear: () => void
  can: { update: boolean; delete: boolean }
  owners: { id: string; name: string }[]
}) {
  const fetcher = useFetcher<{ ok?: boolean; message?: string; error?: string }>()
  const [kind, setKind] = useState<Kind | null>(null)
  const busy = fetcher.state !== 'idle'
  const formId = useId()
  useAnswerToast(fetcher.data, fetcher.state, (a) => {
    setKind(null)
    if (a.ok) onDone()
  })
  useEffect(() => {
    if (ids.length === 0) setKind(null)
  }, [ids.length])
  if (ids.length === 0) return null
  const count = matching ? matching.count : ids.length
  const target: Record<string, string> = matching ? { filter: matching.filter } : { ids: ids.join(',') }
  const run = (value: string) => fetcher.submit({ intent: 'bulk', action: kind!, value, ...target }, { method: 'post' })
  const appliesTo = t(matching ? 'bulk.appliesToMatching' : 'bulk.appliesTo', { count })
  const options: Record<
    Exclude<Kind, 'delete'>,
    { label: string; values: { value: string; label: string }[]; empty?: string }
  > = {
    stage: {
      label: t('org.field.pipelineStage'),
      values: PIPELINE_STAGES.map((s) => ({ value: s, label: labels.stage[s] })),
    },
    category: {
      label: t('org.field.category'),
      values: CATEGORIES.map((c) => ({ value: c, label: labels.category[c] })),
      empty: t('bulk.noCategory'),
    },
    owner: { label: t('org.field.owner'), values: owners.map((u) => ({ value: u.id, label: u.name })) },
  }
  const items = [
    ...(can.update
      ? [
          { label: t('bulk.stage'), onSelect: () => setKind('stage'), testId: 'bulk-stage' },
          { label: t('bulk.category'), onSelect: () => setKind('category'), testId: 'bulk-category' },
          ...(owners.length
            ? [{ label: t('bulk.owner'), onSelect: () => setKind('owner'), testId: 'bulk-owner' }]
            : []),
        ]
      : []),
    ...(can.delete
      ? [
          {
            label: t('common.delete'),
            onSelect: () => setKind('delete'),
            tone: 'danger' as const,
            testId: 'bulk-delete',
          },
        ]
      : []),
  ]
  const current = kind && kind !== 'delete' ? options[kind] : null
  return (
    <section
      aria-label={t('bulk.region')}
      data-testid="bulk-bar"
      className={
        'sticky bottom-16 z-20 flex flex-wrap items-center gap-2 rounded-lg border border-blue-200 bg-blue-50 ' +
        'px-3 py-2 shadow-lg md:bottom-4 dark:border-blue-900 dark:bg-blue-950'
      }
    >
      <span className="text-sm font-medium text-blue-900 dark:text-blue-100" aria-live="polite">
        {t(matching ? 'bulk.matching' : 'bulk.selected', { count })}
      </span>
      <button type="button" className={btn.ghost} onClick={onClear}>
        {t('bulk.clear')}
      </button>
      <div className="flex-1" />
      {items.length ? (
        <Menu
          label={
            <>
              {t('bulk.actions')} <span aria-hidden="true">▾</span>
            </>
          }
          buttonClassName={btn.primary}
          align="end"
          items={items}
          testId="bulk-actions"
          disabled={busy || (matching !== null && matching.count > matching.max)}
        />
      ) : null}
      {current ? (
        <Dialog
          open
          onClose={() => setKind(null)}
          title={t(`bulk.${kind as 'stage'}`)}
          description={appliesTo}
          size="sm"
          testId="bulk-dialog"
          footer={
            <>
              <button type="button" className={btn.secondary} onClick={() => setKind(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" form={formId} className={btn.primary} disabled={busy} data-testid="bulk-apply">
                {busy ? t('common.saving') : t('bulk.apply', { count })}
              </button>
            </>
          }
        >
          <form
            id={formId}
            onSubmit={(e) => {
              e.preventDefault()
              run(String(new FormData(e.currentTarget).get('value') ?? ''))
            }}
          >
            <SelectField
              label={current.label}
              name="value"
              options={current.values}
              empty={current.empty}
              required={!current.empty}
              autoFocus
            />
          </form>
        </Dialog>
      ) : null}
      <ConfirmDialog
        open={kind === 'delete'}
        onClose={() => setKind(null)}
        busy={busy}
        title={t('bulk.delete.title', { count })}
        body={`${t('bulk.delete.body', { count })}${matching ? ` ${appliesTo}` : ''}`}
        confirmLabel={t('common.delete')}
        onConfirm={() => run('')}
      />
    </section>
  )
}
